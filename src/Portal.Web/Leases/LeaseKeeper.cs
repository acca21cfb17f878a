using Microsoft.Extensions.Options;
using Portal.Provisioning.Leases;

namespace Portal.Web.Leases;

/// <summary>
/// Scans the leases on every node (<see cref="LeaseSweep"/>) every <see cref="LeaseOptions.ScanInterval"/> of the
/// portal's <see cref="TimeProvider"/>. A scan rather than one engine timer per server: a lease lives for months and
/// moves with every extension, a timer would have to be found and moved each time (and a policy's reminder lead
/// changes every timer), while a scan reads the end where it is stored and claims what it does, so a restart, a
/// second node or an extension needs nothing more.
/// </summary>
public sealed partial class LeaseKeeper(IServiceScopeFactory scopes, TimeProvider clock, IOptions<LeaseOptions> options, ILogger<LeaseKeeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ScanInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var result = await scope.ServiceProvider.GetRequiredService<LeaseSweep>().RunAsync(stoppingToken);
                    if (result.DidAnything)
                    {
                        LogSwept(result.Bound, result.Reminded, result.Decommissioned, result.Announced);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Leases: {Bound} started, {Reminded} reminded, {Decommissioned} decommissioning, {Announced} ended")]
    private partial void LogSwept(int bound, int reminded, int decommissioned, int announced);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The lease scan failed; trying again at the next one")]
    private partial void LogFailed(Exception exception);
}
