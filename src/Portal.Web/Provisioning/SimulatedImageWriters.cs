using Portal.Provisioning.Simulation;

namespace Portal.Web.Provisioning;

/// <summary>
/// Plays the simulated datacenter's image writers on this node: whenever one is due (its write done, or its next
/// callback attempt), and at once when this node boots one. Every node runs it; a writer is taken by one node at a
/// time, so a writer whose node died is played by another once that node's claim runs out.
/// </summary>
public sealed partial class SimulatedImageWriters(SimulatedDatacenter datacenter, TimeProvider clock, ILogger<SimulatedImageWriters> logger) : BackgroundService
{
    /// <summary>How often a node looks for writers another node booted or gave up; this node's own boots wake it at once.</summary>
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = Poll;
            try
            {
                if (await datacenter.RunImageWritersAsync(stoppingToken) is { } next)
                {
                    var until = next - clock.GetUtcNow();
                    wait = until < TimeSpan.Zero ? TimeSpan.Zero : until < Poll ? until : Poll;
                }

                failures = 0;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database is unreachable: try again soon, not in a tight loop.
                if (failures++ == 0)
                {
                    LogFailed(e);
                }
            }

            try
            {
                if (wait > TimeSpan.Zero)
                {
                    await datacenter.WaitForWriterAsync(wait, stoppingToken);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The simulated image writers cannot reach the portal database; trying again every second")]
    private partial void LogFailed(Exception exception);
}
