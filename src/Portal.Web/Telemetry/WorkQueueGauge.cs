using Microsoft.Extensions.Options;
using Portal.Data.Workflows;
using Portal.Web.Hosting;
using Portal.Workflows.Telemetry;

namespace Portal.Web.Telemetry;

/// <summary>
/// Asks the database now and then how much workflow work is due and unclaimed, for the queue gauges: a metric
/// collection must not wait on a query, so the gauges report the latest answer.
/// </summary>
public sealed partial class WorkQueueGauge(
    IServiceScopeFactory scopes, WorkflowTelemetry telemetry, IOptions<TelemetryOptions> options, ILogger<WorkQueueGauge> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.QueueProbeSeconds));
        do
        {
            try
            {
                telemetry.Queue = await scopes.InScopeAsync(services => services.GetRequiredService<DueWorkProbe>().ReadAsync(stoppingToken));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database away (or not migrated yet): the gauges keep their last figures; the outage shows elsewhere.
                LogProbeFailed(e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "The due-work probe could not read the database")]
    private partial void LogProbeFailed(Exception exception);
}
