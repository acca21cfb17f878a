namespace Portal.Bench;

/// <summary>The throughput of one flow run: instances and activity executions per second.</summary>
public sealed record FlowRun(double PerSecond, double ActivitiesPerSecond);
