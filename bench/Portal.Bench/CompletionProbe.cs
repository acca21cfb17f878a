using System.Collections.Concurrent;
using System.Diagnostics;

namespace Portal.Bench;

/// <summary>
/// Where the last step of a benchmark flow reports. WorkflowCore's last step stamps its instance at once;
/// ours only records that the step ran, and the driver stamps it when the batch that ran it has committed.
/// </summary>
public sealed class CompletionProbe
{
    private readonly ConcurrentDictionary<string, long> completedAt = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> ranNotCommitted = new();
    private int expected = int.MaxValue;
    private int seen;
    private TaskCompletionSource all = NewSource();

    public int Count => completedAt.Count;

    /// <summary>Completes <see cref="AllCompleted"/> once <paramref name="count"/> more instances complete.</summary>
    public Task Expect(int count)
    {
        all = NewSource();
        Volatile.Write(ref seen, 0);
        Volatile.Write(ref expected, count);
        return all.Task;
    }

    public void Complete(string instanceId) => Stamp(instanceId, Stopwatch.GetTimestamp());

    public void Ran(string instanceId) => ranNotCommitted.Enqueue(instanceId);

    /// <summary>Stamps every instance whose last step ran in the batch that just committed.</summary>
    public void Committed()
    {
        var now = Stopwatch.GetTimestamp();
        while (ranNotCommitted.TryDequeue(out var id))
        {
            Stamp(id, now);
        }
    }

    public long? CompletedAt(string instanceId) => completedAt.TryGetValue(instanceId, out var at) ? at : null;

    private void Stamp(string instanceId, long at)
    {
        if (completedAt.TryAdd(instanceId, at) && Interlocked.Increment(ref seen) == Volatile.Read(ref expected))
        {
            all.TrySetResult();
        }
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
