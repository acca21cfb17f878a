namespace Portal.Web.Workflows;

/// <summary>Lets a start or resume on this node wake the worker at once instead of at the next poll.</summary>
public sealed class WorkflowWakeup
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
            // Already nudged: one wake-up is enough.
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
