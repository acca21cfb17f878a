using System.Collections.Concurrent;
using System.Diagnostics;

namespace Portal.Bench;

/// <summary>
/// Where the last step of a benchmark flow reports. WorkflowCore's last step stamps its instance at once;
/// ours only records that the step ran, and the driver stamps it when the step has committed: when the call that
/// ran it inline returned, or when the worker's batch that ran it committed.
/// </summary>
public sealed class CompletionProbe
{
    private readonly ConcurrentDictionary<string, long> completedAt = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> ranNotCommitted = new(StringComparer.Ordinal);
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

    public void Ran(string instanceId) => ranNotCommitted[instanceId] = true;

    /// <summary>Stamps every instance whose last step ran in the batch that just committed.</summary>
    public void Committed()
    {
        var now = Stopwatch.GetTimestamp();
        foreach (var id in ranNotCommitted.Keys)
        {
            if (ranNotCommitted.TryRemove(id, out _))
            {
                Stamp(id, now);
            }
        }
    }

    /// <summary>Stamps the instance if its last step ran in the call that just returned (and so committed).</summary>
    public void Committed(string instanceId)
    {
        if (ranNotCommitted.TryRemove(instanceId, out _))
        {
            Stamp(instanceId, Stopwatch.GetTimestamp());
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
