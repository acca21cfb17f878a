using Portal.Workflows.Runtime;

namespace Portal.Workflows.Persistence;

/// <summary>
/// One change to instances that a caller hands to <see cref="IWorkflowInstanceStore.WriteAsync"/>. Several
/// callers' writes go to the database in one transaction (group commit); each is applied on its own terms,
/// so one write's condition failing never undoes another's.
/// </summary>
public abstract record InstanceWrite
{
    /// <summary>
    /// New instances (a started one, and any children its first step started) with their bookmarks and due work.
    /// Nobody else can know these instances yet. With <see cref="Latest"/>, they are written only if that version
    /// is still the latest published version of that definition (a start of "the latest version" that ran a
    /// version it remembered); otherwise nothing is written and the outcome is not applied.
    /// </summary>
    public sealed record Create(IReadOnlyList<WorkflowState> Instances, IReadOnlyList<WorkItem> Work, (string DefinitionId, int Version)? Latest = null) : InstanceWrite;

    /// <summary>
    /// Takes the lease of an instance that is at rest — suspended, nobody holds it, and no work of it is due or
    /// held (only timers not yet due) — so that the caller can run a resume at once. When the instance is not at
    /// rest, <see cref="Otherwise"/> is queued instead, for a worker to run in order after what is pending.
    /// </summary>
    public sealed record LeaseAtRest(string InstanceId, string Owner, DateTimeOffset Now, DateTimeOffset Until, WorkItem Otherwise) : InstanceWrite;

    /// <summary>
    /// A step under a lease, committed as <see cref="IWorkflowInstanceStore.CommitAsync"/> commits it. When the
    /// lease was lost, the step is left out and <see cref="Otherwise"/> (if any) is queued, so that the work the
    /// step was doing is not lost.
    /// </summary>
    public sealed record Commit(StepCommit Step, WorkItem? Otherwise = null) : InstanceWrite;

    /// <summary>
    /// Gives a lease back without changing the instance (applied unless the lease was already lost), and queues
    /// <see cref="Then"/> (if any) either way.
    /// </summary>
    public sealed record Release(InstanceLease Lease, WorkItem? Then = null) : InstanceWrite;

    /// <summary>
    /// A worker gives an instance back without changing it — its step failed, or the node is stopping: the lease is
    /// released (unless already lost) and the claimed <see cref="Items"/> are unclaimed, due again at
    /// <see cref="DueAt"/>, so that any node takes them at once instead of after the claim and lease expire.
    /// </summary>
    public sealed record GiveBack(InstanceLease Lease, IReadOnlyList<WorkItem> Items, DateTimeOffset DueAt) : InstanceWrite;
}
