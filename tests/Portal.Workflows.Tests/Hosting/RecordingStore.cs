using System.Collections.Concurrent;
using Portal.Workflows.Persistence;
using Portal.Workflows.Runtime;

namespace Portal.Workflows.Tests.Hosting;

/// <summary>
/// A store that records each transaction's writes. The first transaction can be held until the test lets it go,
/// so that other callers queue up behind it; a write whose instance is named "poison" makes its transaction fail.
/// </summary>
internal sealed class RecordingStore : IWorkflowInstanceStore
{
    private readonly TaskCompletionSource firstEntered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource releaseFirst = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int transactions;

    public ConcurrentQueue<IReadOnlyList<string>> Batches { get; } = new();

    public bool HoldFirst { get; init; }

    public Task FirstEntered => firstEntered.Task;

    public void ReleaseFirst() => releaseFirst.TrySetResult();

    public static InstanceWrite Write(string instanceId) =>
        new InstanceWrite.Create([new WorkflowState { InstanceId = instanceId, DefinitionId = "d", DefinitionVersion = 1 }], []);

    public async Task<IReadOnlyList<WriteOutcome>> WriteAsync(IReadOnlyList<InstanceWrite> writes, CancellationToken cancellationToken)
    {
        var ids = writes.Select(w => ((InstanceWrite.Create)w).Instances[0].InstanceId).ToList();
        if (Interlocked.Increment(ref transactions) == 1 && HoldFirst)
        {
            firstEntered.TrySetResult();
            await releaseFirst.Task;
        }

        if (ids.Contains("poison"))
        {
            throw new InvalidOperationException("The database refused the poison write.");
        }

        Batches.Enqueue(ids);
        return ids.Select(id => new WriteOutcome(id != "refused")).ToList();
    }

    public Task EnqueueAsync(WorkItem work, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<ClaimedInstance>> ClaimAsync(
        string node, DateTimeOffset now, TimeSpan claimFor, TimeSpan leaseFor, DateTimeOffset busyRetryAt, int max, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<LeaseRenewal> RenewAsync(InstanceLease lease, DateTimeOffset leaseUntil, DateTimeOffset claimUntil, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<InstanceLease?> AcquireLeaseAsync(string instanceId, string node, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<IReadOnlyList<string>> CommitAsync(IReadOnlyList<StepCommit> steps, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<WorkflowState?> FindAsync(string instanceId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<(string InstanceId, string BookmarkId)?> FindBookmarkAsync(string name, string correlationId, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<IReadOnlyList<WorkflowState>> WaitingAsync(string bookmarkName, int max, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<string?> FindByBookmarkAsync(string bookmarkId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<WorkflowState>> CorrelatedAsync(string correlationId, int max, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<IReadOnlyList<InstanceSummary>> ListAsync(
        WorkflowStatus? status, string? definitionId, string? correlationId, int max, CancellationToken cancellationToken) =>
        throw new NotSupportedException();
}
