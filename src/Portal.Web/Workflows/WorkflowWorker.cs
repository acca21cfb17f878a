using Microsoft.Extensions.Options;
using Portal.Workflows.Hosting;

namespace Portal.Web.Workflows;

/// <summary>
/// Runs due workflow work on this node: it drains what is due, then waits for the poll interval or a
/// nudge (a start or resume made on this node), whichever comes first. Several nodes may run it against
/// one database; the claims and leases in the database keep them from doing the same step twice.
/// </summary>
public sealed partial class WorkflowWorker(
    IServiceScopeFactory scopes, WorkflowWakeup wakeup, IOptions<WorkflowOptions> options, ILogger<WorkflowWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunWorker)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                int processed;
                do
                {
                    await using var scope = scopes.CreateAsyncScope();
                    processed = await scope.ServiceProvider.GetRequiredService<WorkflowEngine>().ProcessDueAsync(options.Value.BatchSize, stoppingToken);
                }
                while (processed > 0 && !stoppingToken.IsCancellationRequested);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be briefly away; the work stays due and is claimed on the next round.
                LogRoundFailed(e);
            }

            await wakeup.WaitAsync(TimeSpan.FromMilliseconds(options.Value.PollIntervalMilliseconds), stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A workflow processing round failed; retrying on the next round")]
    private partial void LogRoundFailed(Exception exception);
}
