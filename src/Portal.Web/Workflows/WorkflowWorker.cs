using Microsoft.Extensions.Options;
using Portal.Workflows.Hosting;

namespace Portal.Web.Workflows;

/// <summary>
/// Runs due workflow work on this node (<see cref="WorkflowEngine.RunWorkerAsync"/>): several instances at once, a
/// heartbeat per running step, claims no bigger than its free slots; between rounds it waits for the poll interval or
/// a nudge (a start or resume made on this node). Several nodes may run it against one database; the claims, leases
/// and fences in the database keep them from doing the same step twice.
/// On shutdown it stops claiming and lets each running step stop at its next activity and commit; a step still
/// running when the host's shutdown timeout ends is cut short and gives its instance back, for another node to run.
/// </summary>
public sealed partial class WorkflowWorker(
    IServiceScopeFactory scopes, WorkflowWakeup wakeup, IOptions<WorkflowOptions> options, ILogger<WorkflowWorker> logger) : BackgroundService
{
    private readonly CancellationTokenSource abort = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunWorker)
        {
            return;
        }

        // One engine (one DbContext, used by its steps one statement at a time) for the life of the worker.
        await using var scope = scopes.CreateAsyncScope();
        var engine = scope.ServiceProvider.GetRequiredService<WorkflowEngine>();
        var poll = TimeSpan.FromMilliseconds(options.Value.PollIntervalMilliseconds);
        try
        {
            await engine.RunWorkerAsync(idle => wakeup.WaitAsync(poll, idle), stoppingToken, abort.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A bug, not an outage (the engine rides those out): say so once, loudly.
            LogWorkerFailed(e);
            throw;
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // The host's shutdown timeout: steps still running then are cut short and give their instances back.
        await using var registration = cancellationToken.Register(abort.Cancel);
        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        abort.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "The workflow worker stopped on an unexpected error")]
    private partial void LogWorkerFailed(Exception exception);
}
