using Portal.Workflows.Persistence;
using Portal.Workflows.Runtime;

namespace Portal.Bench.Ours;

/// <summary>
/// Our instance store with one addition: when a write that stores an instance as Completed has returned (committed,
/// synced), the instance is stamped complete. That covers a start that completed inline, a resume run by the caller,
/// and a step the worker ran. Everything else passes straight through.
/// </summary>
public sealed class CompletionRecordingStore(IWorkflowInstanceStore inner, CompletionProbe probe) : IWorkflowInstanceStore
{
    public async Task<IReadOnlyList<WriteOutcome>> WriteAsync(IReadOnlyList<InstanceWrite> writes, CancellationToken cancellationToken)
    {
        var outcomes = await inner.WriteAsync(writes, cancellationToken);
        for (var i = 0; i < writes.Count; i++)
        {
            if (!outcomes[i].Applied)
            {
                continue;
            }

            switch (writes[i])
            {
                case InstanceWrite.Create create:
                    foreach (var state in create.Instances.Where(s => s.Status == WorkflowStatus.Completed))
                    {
                        probe.Complete(state.InstanceId);
                    }

                    break;
                case InstanceWrite.Commit { Step.State: { Status: WorkflowStatus.Completed } state }:
                    probe.Complete(state.InstanceId);
                    break;
            }
        }

        return outcomes;
    }

    public async Task<IReadOnlyList<string>> CommitAsync(IReadOnlyList<StepCommit> steps, CancellationToken cancellationToken)
    {
        var leftOut = await inner.CommitAsync(steps, cancellationToken);
        foreach (var step in steps.Where(s => s.State.Status == WorkflowStatus.Completed && !leftOut.Contains(s.State.InstanceId)))
        {
            probe.Complete(step.State.InstanceId);
        }

        return leftOut;
    }

    public Task EnqueueAsync(WorkItem work, CancellationToken cancellationToken) => inner.EnqueueAsync(work, cancellationToken);

    public Task<IReadOnlyList<ClaimedInstance>> ClaimAsync(
        string node, DateTimeOffset now, TimeSpan claimFor, TimeSpan leaseFor, DateTimeOffset busyRetryAt, int max, CancellationToken cancellationToken) =>
        inner.ClaimAsync(node, now, claimFor, leaseFor, busyRetryAt, max, cancellationToken);

    public Task<LeaseRenewal> RenewAsync(InstanceLease lease, DateTimeOffset leaseUntil, DateTimeOffset claimUntil, CancellationToken cancellationToken) =>
        inner.RenewAsync(lease, leaseUntil, claimUntil, cancellationToken);

    public Task<InstanceLease?> AcquireLeaseAsync(string instanceId, string node, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken) =>
        inner.AcquireLeaseAsync(instanceId, node, now, duration, cancellationToken);

    public Task<WorkflowState?> FindAsync(string instanceId, CancellationToken cancellationToken) => inner.FindAsync(instanceId, cancellationToken);

    public Task<(string InstanceId, string BookmarkId)?> FindBookmarkAsync(string name, string correlationId, CancellationToken cancellationToken) =>
        inner.FindBookmarkAsync(name, correlationId, cancellationToken);

    public Task<IReadOnlyList<WorkflowState>> WaitingAsync(string bookmarkName, int max, CancellationToken cancellationToken) =>
        inner.WaitingAsync(bookmarkName, max, cancellationToken);

    public Task<string?> FindByBookmarkAsync(string bookmarkId, CancellationToken cancellationToken) => inner.FindByBookmarkAsync(bookmarkId, cancellationToken);

    public Task<IReadOnlyList<WorkflowState>> CorrelatedAsync(string correlationId, int max, CancellationToken cancellationToken) =>
        inner.CorrelatedAsync(correlationId, max, cancellationToken);

    public Task<IReadOnlyList<InstanceSummary>> ListAsync(WorkflowStatus? status, string? definitionId, string? correlationId, int max, CancellationToken cancellationToken) =>
        inner.ListAsync(status, definitionId, correlationId, max, cancellationToken);
}
