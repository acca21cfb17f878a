using Portal.Workflows.Runtime;

namespace Portal.Workflows.Persistence;

/// <summary>
/// What one instance's step leaves: its new state, the work it consumed, the work and children it caused,
/// and claimed work it did not get to (handed back, due at once).
/// </summary>
public sealed record StepCommit(
    InstanceLease Lease, WorkflowState State, IReadOnlyList<WorkItem> Consumed, IReadOnlyList<WorkItem> Added, IReadOnlyList<WorkflowState> Created)
{
    public IReadOnlyList<WorkItem> Released { get; init; } = [];
}
