using Portal.Workflows.Runtime;

namespace Portal.Workflows.Persistence;

/// <summary>
/// Where instances and their due work live. The contract, in one sentence: an instance changes only by a
/// commit that names the revision and fence it read, so two nodes can never both commit a step of the same
/// instance, and a node whose lease was taken over cannot commit at all. A store is safe for concurrent callers:
/// a node's worker runs several steps at once (their heartbeats and commits) over one store.
/// </summary>
public interface IWorkflowInstanceStore
{
    /// <summary>
    /// Applies several callers' writes in one transaction, in order (group commit: one disk sync for all of
    /// them), and returns each one's outcome, in the same order. A write whose condition does not hold queues
    /// its alternative instead; it never undoes the others. If the transaction fails, none is applied.
    /// </summary>
    Task<IReadOnlyList<WriteOutcome>> WriteAsync(IReadOnlyList<InstanceWrite> writes, CancellationToken cancellationToken);

    Task EnqueueAsync(WorkItem work, CancellationToken cancellationToken);

    /// <summary>
    /// In one transaction: claims up to <paramref name="max"/> due items nobody holds (or whose claim expired),
    /// takes the lease of each of their instances, and hands back the items of instances another node is
    /// busy with, due again at <paramref name="busyRetryAt"/>. Returns the instances won, with their items.
    /// </summary>
    Task<IReadOnlyList<ClaimedInstance>> ClaimAsync(
        string node, DateTimeOffset now, TimeSpan claimFor, TimeSpan leaseFor, DateTimeOffset busyRetryAt, int max, CancellationToken cancellationToken);

    /// <summary>
    /// The heartbeat of a running step: extends the lease (if it still holds: same owner and fence) and the claims of
    /// its work items, and says whether a cancel of the instance is waiting. Not held: another node took the instance
    /// over, and the step must stop and commit nothing.
    /// </summary>
    Task<LeaseRenewal> RenewAsync(InstanceLease lease, DateTimeOffset leaseUntil, DateTimeOffset claimUntil, CancellationToken cancellationToken);

    /// <summary>Takes the instance's lease for one operation when it is free or expired; null when someone holds it.</summary>
    Task<InstanceLease?> AcquireLeaseAsync(string instanceId, string node, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>
    /// Commits the steps of several instances in one transaction (one disk sync for a whole batch). Each step
    /// writes its state, removes the work it consumed, adds the work and child instances it caused and
    /// releases the lease — only if its instance still has the lease's fence and revision; a step that lost
    /// its lease is left out, the others commit. Returns the ids of the instances left out.
    /// </summary>
    Task<IReadOnlyList<string>> CommitAsync(IReadOnlyList<StepCommit> steps, CancellationToken cancellationToken);

    Task<WorkflowState?> FindAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>The instance and bookmark waiting under a name for a correlation id (e.g. a request's signal).</summary>
    Task<(string InstanceId, string BookmarkId)?> FindBookmarkAsync(string name, string correlationId, CancellationToken cancellationToken);

    /// <summary>The states of instances that wait under <paramref name="bookmarkName"/> (e.g. every open user task), oldest first.</summary>
    Task<IReadOnlyList<WorkflowState>> WaitingAsync(string bookmarkName, int max, CancellationToken cancellationToken);

    /// <summary>The instance that holds the bookmark, or null when no instance waits on it (consumed, or never was).</summary>
    Task<string?> FindByBookmarkAsync(string bookmarkId, CancellationToken cancellationToken);

    /// <summary>The states of every instance with the correlation id (a request's own instance and its children), oldest first.</summary>
    Task<IReadOnlyList<WorkflowState>> CorrelatedAsync(string correlationId, int max, CancellationToken cancellationToken);

    Task<IReadOnlyList<InstanceSummary>> ListAsync(WorkflowStatus? status, string? definitionId, string? correlationId, int max, CancellationToken cancellationToken);
}
