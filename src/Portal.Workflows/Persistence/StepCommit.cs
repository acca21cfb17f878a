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

    /// <summary>
    /// Bookmarks the step consumed (or whose due time moved): their timers are deleted in the same commit, so that a
    /// consumed bookmark leaves no timer behind (a bare-metal deployment's one-hour callback timeout, for instance).
    /// </summary>
    public IReadOnlyList<string> DroppedTimers { get; init; } = [];

    /// <summary>
    /// The instance ended (completed or cancelled): every work item of it still stored is deleted in the same commit,
    /// before <see cref="Added"/> is written. A finished instance leaves no due work behind.
    /// </summary>
    public bool DropAllWork { get; init; }

    /// <summary>The instance's status when the step began: with <see cref="IncidentsBefore"/>, what the step changed (for the engine's metrics).</summary>
    public WorkflowStatus StatusBefore { get; init; }

    /// <summary>How many incidents the instance had when the step began.</summary>
    public int IncidentsBefore { get; init; }
}
