using Portal.Workflows.Runtime;

namespace Portal.Workflows.Persistence;

/// <summary>What one instance's step leaves: its new state, the work it consumed, and the work and children it caused.</summary>
public sealed record StepCommit(
    InstanceLease Lease, WorkflowState State, IReadOnlyList<WorkItem> Consumed, IReadOnlyList<WorkItem> Added, IReadOnlyList<WorkflowState> Created);
