using Portal.Workflows.Runtime;

namespace Portal.Workflows.Persistence;

/// <summary>
/// Where instances and their due work live. The contract, in one sentence: an instance changes only by a
/// commit that names the revision and fence it read, so two nodes can never both commit a step of the same
/// instance, and a node whose lease was taken over cannot commit at all.
/// </summary>
public interface IWorkflowInstanceStore
{
    /// <summary>Stores a new instance and its first work in one transaction.</summary>
    Task CreateAsync(WorkflowState state, IReadOnlyList<WorkItem> work, CancellationToken cancellationToken);

    Task EnqueueAsync(WorkItem work, CancellationToken cancellationToken);

    /// <summary>Claims up to <paramref name="max"/> due items nobody holds (or whose claim expired) for <paramref name="node"/>.</summary>
    Task<IReadOnlyList<WorkItem>> ClaimDueAsync(string node, DateTimeOffset now, TimeSpan claimFor, int max, CancellationToken cancellationToken);

    /// <summary>Takes the instance's lease when free, expired or already ours; null when another node holds it.</summary>
    Task<InstanceLease?> AcquireLeaseAsync(string instanceId, string node, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the new state, removes the work it consumed, adds the work and the child instances it caused and
    /// releases the lease — all or nothing, and only if the instance still has the lease's fence and revision.
    /// False when it did not.
    /// </summary>
    Task<bool> CommitAsync(
        InstanceLease lease, WorkflowState state, WorkItem? consumed, IReadOnlyList<WorkItem> added, IReadOnlyList<WorkflowState> created,
        CancellationToken cancellationToken);

    /// <summary>Gives a claimed item back (its instance was busy) so it is picked up again after <paramref name="retryAt"/>.</summary>
    Task ReleaseClaimAsync(WorkItem work, DateTimeOffset retryAt, CancellationToken cancellationToken);

    Task<WorkflowState?> FindAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>The instance and bookmark waiting under a name for a correlation id (e.g. a request's signal).</summary>
    Task<(string InstanceId, string BookmarkId)?> FindBookmarkAsync(string name, string correlationId, CancellationToken cancellationToken);

    Task<IReadOnlyList<InstanceSummary>> ListAsync(WorkflowStatus? status, string? definitionId, string? correlationId, int max, CancellationToken cancellationToken);
}
