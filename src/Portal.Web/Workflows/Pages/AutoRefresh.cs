namespace Portal.Web.Workflows.Pages;

/// <summary>
/// Calls a page's refresh every few seconds until disposed, so running instances move on screen by themselves.
/// A failed refresh (the database briefly away) is logged and the next tick tries again; disposing stops the
/// timer and cancels a refresh in flight.
/// </summary>
public sealed partial class AutoRefresh : IAsyncDisposable
{
    /// <summary>How often the instance pages reload.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(3);

    private readonly CancellationTokenSource stopping = new();
    private readonly PeriodicTimer timer;
    private readonly ILogger logger;
    private readonly Task loop;

    public AutoRefresh(TimeSpan interval, TimeProvider clock, ILogger logger, Func<CancellationToken, Task> refresh)
    {
        timer = new PeriodicTimer(interval, clock);
        this.logger = logger;
        loop = RunAsync(refresh);
    }

    private async Task RunAsync(Func<CancellationToken, Task> refresh)
    {
        try
        {
            while (await timer.WaitForNextTickAsync(stopping.Token))
            {
                try
                {
                    await refresh(stopping.Token);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogRefreshFailed(e);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed: the page is gone.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        timer.Dispose();
        await loop;
        stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refreshing a workflow instance page failed; the next tick tries again")]
    private partial void LogRefreshFailed(Exception exception);
}
