using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using WorkflowCore.Interface;
using WorkflowCore.Services;

namespace Portal.Bench.Wfc;

/// <summary>
/// WorkflowCore 3.22.0 with its default in-memory persistence, queue and single-node lock, given its best: the
/// consumers idle 1 ms instead of 100 ms when their queue is empty (--wfc-idle-ms), the runnable poll stays at its
/// default 10 s (--wfc-poll-ms; shorter polls scan its whole in-memory store and slowed it down), and lifecycle events
/// and search indexing (work nothing here reads) are off. Completion is read
/// from its store, as ours is: the persistence write that stored the instance as Complete.
/// </summary>
public sealed class WfcSession : IEngineSession
{
    private readonly ServiceProvider services;
    private readonly IWorkflowHost host;
    private readonly CompletionProbe completed;
    private readonly CompletionProbe subscribed;
    private readonly EffectLedger ledger;
    private readonly ConcurrentDictionary<string, string> correlated = new(StringComparer.Ordinal);

    private WfcSession(ServiceProvider services, CompletionProbe completed, CompletionProbe subscribed, EffectLedger ledger)
    {
        this.services = services;
        this.completed = completed;
        this.subscribed = subscribed;
        this.ledger = ledger;
        host = services.GetRequiredService<IWorkflowHost>();
    }

    public long Effects => ledger.Count;

    public static WfcSession Start(BenchOptions options)
    {
        var completed = new CompletionProbe();
        // Building a large population takes WorkflowCore minutes (its store scans lists): more patience there.
        var subscribed = new CompletionProbe("stored with its event subscription", patienceMinutes: 10);
        var ledger = new EffectLedger();
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddSingleton(ledger);
        collection.AddTransient<NoopStep>();
        collection.AddTransient<EffectStep>();
        collection.AddWorkflow(o =>
        {
            o.UseIdleTime(TimeSpan.FromMilliseconds(options.WfcIdleMs));
            o.UsePollInterval(TimeSpan.FromMilliseconds(options.WfcPollMs));
            o.EnableLifeCycleEventsPublisher = false;
            o.EnableIndexes = false;
            if (options.WfcWorkers is { } workers)
            {
                o.UseMaxConcurrentWorkflows(workers);
            }

            o.UsePersistence(sp => new CompletionRecordingPersistence(
                new TransientMemoryPersistenceProvider(sp.GetRequiredService<ISingletonMemoryProvider>()), completed, subscribed));
        });
        var session = new WfcSession(collection.BuildServiceProvider(), completed, subscribed, ledger);
        session.host.RegisterWorkflow<SequenceWorkflow>();
        session.host.RegisterWorkflow<ParallelWorkflow>();
        session.host.RegisterWorkflow<EffectsWorkflow>();
        session.host.RegisterWorkflow<ResumeWorkflow>();
        session.host.Start();
        return session;
    }

    public async Task<long> RunAsync(int lane, string scenario, CancellationToken cancellationToken)
    {
        var id = await host.StartWorkflow(scenario switch
        {
            "sequence" => SequenceWorkflow.Name,
            "parallel" => ParallelWorkflow.Name,
            "effects" => EffectsWorkflow.Name,
            _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario, null),
        });
        return await completed.WaitAsync(id, cancellationToken);
    }

    public async Task SuspendAsync(IReadOnlyList<string> correlations, CancellationToken cancellationToken)
    {
        var ids = new string[correlations.Count];
        await ClosedLoop.RunAsync(64, correlations.Count, TimeSpan.FromDays(1), async (_, k) =>
        {
            ids[k] = await host.StartWorkflow(ResumeWorkflow.Name, null, correlations[k]);
            correlated[correlations[k]] = ids[k];
            return System.Diagnostics.Stopwatch.GetTimestamp();
        });

        // Suspended = its event subscription is stored.
        foreach (var id in ids)
        {
            await subscribed.WaitAsync(id, cancellationToken);
        }
    }

    public async Task<long> ResumeAsync(int lane, string correlation, CancellationToken cancellationToken)
    {
        await host.PublishEvent(ResumeWorkflow.EventName, correlation, null);
        correlated.TryRemove(correlation, out var id);
        return await completed.WaitAsync(id!, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        host.Stop();
        await services.DisposeAsync();
    }
}
