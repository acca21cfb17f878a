namespace Portal.Bench.Ours;

/// <summary>
/// The portal's nudge (Portal.Web's WorkflowWakeup, which the bench does not reference): a start or resume on this
/// node wakes the worker at once instead of at its next poll. One pending wake-up is enough.
/// </summary>
public sealed class WorkerWakeup
{
    private readonly SemaphoreSlim signal = new(0, 1);

    public void Nudge()
    {
        try
        {
            signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already nudged.
        }
    }

    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await signal.WaitAsync(timeout, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
