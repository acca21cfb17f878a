using Microsoft.Extensions.DependencyInjection;
using WorkflowCore.Interface;

namespace Portal.Bench.Wfc;

/// <summary>
/// WorkflowCore 3.22.0 with its default in-memory persistence, queue and single-node lock, tuned for
/// throughput: the consumers idle 1 ms instead of 100 ms when their queue is empty, and lifecycle
/// events and search indexing (work this benchmark never reads) are switched off.
/// </summary>
public sealed class WfcHarness : IAsyncDisposable
{
    private readonly ServiceProvider services;

    private WfcHarness(ServiceProvider services)
    {
        this.services = services;
        Host = services.GetRequiredService<IWorkflowHost>();
    }

    public IWorkflowHost Host { get; }

    public static WfcHarness Start(CompletionProbe probe)
    {
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddSingleton(probe);
        collection.AddTransient<NoopStep>();
        collection.AddTransient<ProbeStep>();
        collection.AddWorkflow(options =>
        {
            options.UseIdleTime(TimeSpan.FromMilliseconds(1));
            options.EnableLifeCycleEventsPublisher = false;
            options.EnableIndexes = false;
        });
        var harness = new WfcHarness(collection.BuildServiceProvider());
        harness.Host.RegisterWorkflow<SequenceWorkflow>();
        harness.Host.RegisterWorkflow<ParallelWorkflow>();
        harness.Host.RegisterWorkflow<ResumeWorkflow>();
        harness.Host.Start();
        return harness;
    }

    public Task<string> StartAsync(string workflowId) => Host.StartWorkflow(workflowId);

    /// <summary>Waits until each instance has its event subscription (it waits on "go"); checks every <paramref name="stride"/>th.</summary>
    public async Task WaitUntilSubscribedAsync(IReadOnlyList<string> instanceIds, int stride, CancellationToken cancellationToken)
    {
        var pending = instanceIds.Where((_, i) => i % stride == 0 || i >= instanceIds.Count - stride).ToList();
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (pending.Count > 0)
        {
            var still = new List<string>();
            foreach (var id in pending)
            {
                var subscriptions = await Host.PersistenceStore.GetSubscriptions(ResumeWorkflow.EventName, id, DateTime.UtcNow.AddMinutes(1), cancellationToken);
                if (!subscriptions.Any())
                {
                    still.Add(id);
                }
            }

            pending = still;
            if (pending.Count > 0)
            {
                await Task.Delay(20, cancellationToken);
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{pending.Count} WorkflowCore instances never subscribed.");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Host.Stop();
        await services.DisposeAsync();
    }
}
