using Portal.Provisioning.Approvals;

namespace Portal.Web.Approvals;

/// <summary>
/// Hands decisions that were recorded but never reached their workflow (the node stopped between the two) to the
/// workflow again, every half minute. Delivering one twice is harmless: the task's bookmark is consumed once.
/// </summary>
public sealed partial class DecisionRedelivery(IServiceScopeFactory scopes, ILogger<DecisionRedelivery> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var delivered = await scope.ServiceProvider.GetRequiredService<ApprovalTasks>().RedeliverAsync(Interval, stoppingToken);
                    if (delivered > 0)
                    {
                        LogRedelivered(delivered);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogFailed(e);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivered {Count} decision(s) again that had not reached their workflow")]
    private partial void LogRedelivered(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivering decisions again failed; the next round tries again")]
    private partial void LogFailed(Exception exception);
}
