using Portal.Workflows.Persistence;

namespace Portal.Workflows.Hosting;

/// <summary>
/// Group commit for callers that write at the same time (requests starting or resuming instances): their writes
/// go to the database in one transaction, so a burst pays one disk sync per batch instead of one per caller.
/// There is no writer thread. A caller who arrives while nobody is writing leads: it writes every write waiting
/// (its own first) with its own store, then hands the lead to the oldest caller still waiting, who writes the
/// next batch with its store. Each caller's task completes when the batch holding its write has committed.
/// One instance per database and process; the engine makes its own when it is not given one.
/// </summary>
public sealed class WorkflowGroupCommit
{
    /// <summary>Enough to make the disk sync negligible per write, few enough to keep a batch's transaction short.</summary>
    private const int MaxBatch = 256;

    private readonly Lock gate = new();
    private readonly List<Pending> waiting = [];
    private bool leading;

    /// <summary>Writes <paramref name="write"/> in the next batch and returns its outcome once that batch committed.</summary>
    public async Task<WriteOutcome> WriteAsync(IWorkflowInstanceStore store, InstanceWrite write)
    {
        var mine = new Pending(write);
        bool lead;
        lock (gate)
        {
            waiting.Add(mine);
            lead = !leading;
            leading = true;
        }

        // A follower waits until its write is done, or until it is handed the lead of the next batch.
        if (!lead && await Task.WhenAny(mine.Done.Task, mine.Lead.Task) == mine.Done.Task)
        {
            return await mine.Done.Task;
        }

        List<Pending> batch;
        lock (gate)
        {
            var count = Math.Min(waiting.Count, MaxBatch);
            batch = waiting.GetRange(0, count);
            waiting.RemoveRange(0, count);
        }

        try
        {
            await WriteBatchAsync(store, batch);
        }
        finally
        {
            lock (gate)
            {
                if (waiting.Count > 0)
                {
                    waiting[0].Lead.TrySetResult();
                }
                else
                {
                    leading = false;
                }
            }
        }

        // The leader's own write was first in its batch, so it is done (with an outcome or the error).
        return await mine.Done.Task;
    }

    private static async Task WriteBatchAsync(IWorkflowInstanceStore store, List<Pending> batch)
    {
        IReadOnlyList<WriteOutcome> outcomes;
        try
        {
            // Not the leader's cancellation token: the batch holds other callers' writes.
            outcomes = await store.WriteAsync(batch.ConvertAll(p => p.Write), CancellationToken.None);
        }
        catch (Exception) when (batch.Count > 1)
        {
            // Nothing of the batch was applied. Write each alone, so that one failing write fails only its caller.
            foreach (var pending in batch)
            {
                await WriteAloneAsync(store, pending);
            }

            return;
        }
        catch (Exception e)
        {
            batch[0].Done.TrySetException(e);
            return;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Done.TrySetResult(outcomes[i]);
        }
    }

    private static async Task WriteAloneAsync(IWorkflowInstanceStore store, Pending pending)
    {
        try
        {
            pending.Done.TrySetResult((await store.WriteAsync([pending.Write], CancellationToken.None))[0]);
        }
        catch (Exception e)
        {
            pending.Done.TrySetException(e);
        }
    }

    private sealed class Pending(InstanceWrite write)
    {
        public InstanceWrite Write { get; } = write;

        public TaskCompletionSource<WriteOutcome> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Completed when this caller is to lead the next batch.</summary>
        public TaskCompletionSource Lead { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
