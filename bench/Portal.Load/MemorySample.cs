namespace Portal.Load;

/// <summary>One sample of the nodes' memory: when (seconds into the run), how many workflows had completed, and per node its working set and, when /metrics has it, its GC heap.</summary>
public sealed record MemorySample(double Seconds, long CompletedWorkflows, IReadOnlyList<NodeMemory> Nodes);

/// <summary>One node's memory in a sample, in bytes (null where it could not be read).</summary>
public sealed record NodeMemory(int Node, long? WorkingSet, double? GcHeap);
