using Portal.Provisioning.Inventory;

namespace Portal.Web.Provisioning;

/// <summary>Gives back hardware whose hold expired (a deployment that died quietly), once a minute, on every node (releasing is idempotent).</summary>
public sealed partial class ReservationJanitor(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ReservationJanitor> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                if (await scope.ServiceProvider.GetRequiredService<IInventoryStore>().ReleaseExpiredAsync(stoppingToken) is > 0 and var released)
                {
                    LogReleased(released);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Released {Count} expired hardware reservation(s)")]
    private partial void LogReleased(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not release expired reservations; trying again in a minute")]
    private partial void LogFailed(Exception exception);
}
