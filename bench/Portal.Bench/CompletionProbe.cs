using System.Collections.Concurrent;
using System.Diagnostics;

namespace Portal.Bench;

/// <summary>
/// When each instance was complete, as read from its engine's store: a store decorator stamps an instance the moment
/// the write that stored it as complete has returned (ours: the commit; WorkflowCore: its persistence provider's
/// write). A caller waits on the stamp of the instance it started or resumed. The stamp may come before the caller
/// asks for it (a start that completes inline), so both sides meet on the same slot.
/// </summary>
public sealed class CompletionProbe(string what = "stored complete", double patienceMinutes = 2)
{
    /// <summary>How long a caller waits for one instance before the run is declared broken.</summary>
    private readonly TimeSpan patience = TimeSpan.FromMinutes(patienceMinutes);

    private readonly ConcurrentDictionary<string, TaskCompletionSource<long>> slots = new(StringComparer.Ordinal);

    public void Complete(string instanceId) => Slot(instanceId).TrySetResult(Stopwatch.GetTimestamp());

    /// <summary>The <see cref="Stopwatch"/> timestamp at which the instance was stored complete.</summary>
    public async Task<long> WaitAsync(string instanceId, CancellationToken cancellationToken)
    {
        try
        {
            return await Slot(instanceId).Task.WaitAsync(patience, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Instance {instanceId} was not {what} within {patience.TotalMinutes} minutes.");
        }
        finally
        {
            slots.TryRemove(instanceId, out _);
        }
    }

    private TaskCompletionSource<long> Slot(string instanceId) =>
        slots.GetOrAdd(instanceId, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously));
}
