using System.Collections.Concurrent;
using System.Diagnostics;

namespace Portal.Bench.Wfc;

/// <summary>The scenarios on WorkflowCore in memory; each starts a fresh host and returns its metrics.</summary>
public sealed class WfcScenarios(BenchOptions options)
{
    private const int WarmUp = 100;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(10);

    public async Task<Dictionary<string, double>> SequenceAsync(CancellationToken cancellationToken)
    {
        var run = await RunFlowAsync(SequenceWorkflow.Name, activities: 10, cancellationToken);
        return new() { ["seq"] = run.PerSecond, ["seq.act"] = run.ActivitiesPerSecond };
    }

    public async Task<Dictionary<string, double>> ParallelAsync(CancellationToken cancellationToken)
    {
        var run = await RunFlowAsync(ParallelWorkflow.Name, activities: 7, cancellationToken);
        return new() { ["par"] = run.PerSecond };
    }

    public async Task<Dictionary<string, double>> ResumeAsync(CancellationToken cancellationToken)
    {
        var probe = new CompletionProbe();
        await using var harness = WfcHarness.Start(probe);
        var warm = await StartSuspendedAsync(harness, WarmUp, stride: 1, cancellationToken);
        var warmed = probe.Expect(warm.Count);
        await Lanes.RunAsync(Callers, warm, (_, id) => harness.Host.PublishEvent(ResumeWorkflow.EventName, id, null));

        await warmed.WaitAsync(Patience, cancellationToken);

        var waiting = await StartSuspendedAsync(harness, options.N + options.SoloSamples, stride: 1, cancellationToken);
        var solo = new List<double>();
        foreach (var id in waiting.Take(options.SoloSamples))
        {
            var done = probe.Expect(1);
            var sent = Stopwatch.GetTimestamp();
            await harness.Host.PublishEvent(ResumeWorkflow.EventName, id, null);
            await done.WaitAsync(Patience, cancellationToken);
            solo.Add(Stopwatch.GetElapsedTime(sent, probe.CompletedAt(id)!.Value).TotalMilliseconds);
        }

        var burst = waiting.Skip(options.SoloSamples).ToList();
        var sentAt = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var all = probe.Expect(burst.Count);
        var first = Stopwatch.GetTimestamp();
        await Lanes.RunAsync(Callers, burst, async (_, id) =>
        {
            sentAt[id] = Stopwatch.GetTimestamp();
            await harness.Host.PublishEvent(ResumeWorkflow.EventName, id, null);
        });

        var queued = Stopwatch.GetElapsedTime(first);
        await all.WaitAsync(Patience, cancellationToken);
        var latencies = burst.Select(id => Stopwatch.GetElapsedTime(sentAt[id], probe.CompletedAt(id)!.Value).TotalMilliseconds).ToList();
        var elapsed = Stopwatch.GetElapsedTime(first, burst.Max(id => probe.CompletedAt(id)!.Value));
        Console.Error.WriteLine($"  wfc resume: {burst.Count} events published by {options.Concurrency} callers in {queued.TotalSeconds:F2}s, all completed after {elapsed.TotalSeconds:F2}s");
        return new()
        {
            ["resume.burst"] = burst.Count / elapsed.TotalSeconds,
            ["resume.p50"] = Stats.Percentile(latencies, 50),
            ["resume.p95"] = Stats.Percentile(latencies, 95),
            ["solo.p50"] = Stats.Percentile(solo, 50),
            ["solo.p95"] = Stats.Percentile(solo, 95),
        };
    }

    public async Task<Dictionary<string, double>> MemoryAsync(CancellationToken cancellationToken)
    {
        var probe = new CompletionProbe();
        await using var harness = WfcHarness.Start(probe);
        await StartSuspendedAsync(harness, WarmUp, stride: 1, cancellationToken);
        var before = MemorySample.Take();
        var watch = Stopwatch.StartNew();
        await StartSuspendedAsync(harness, options.Suspended, stride: 100, cancellationToken);
        await Task.Delay(200, cancellationToken);
        var after = MemorySample.Take();
        Console.Error.WriteLine($"  wfc memory: {options.Suspended} suspended instances in memory (added in {watch.Elapsed.TotalSeconds:F1}s); {before} → {after}");
        return MemorySample.Metrics(before, after, options.Suspended);
    }

    private async Task<FlowRun> RunFlowAsync(string workflowId, int activities, CancellationToken cancellationToken)
    {
        var probe = new CompletionProbe();
        await using var harness = WfcHarness.Start(probe);
        var warmed = probe.Expect(WarmUp);
        await StartAsync(harness, workflowId, WarmUp);

        await warmed.WaitAsync(Patience, cancellationToken);

        var all = probe.Expect(options.N);
        var watch = Stopwatch.StartNew();
        await StartAsync(harness, workflowId, options.N);

        var startPhase = watch.Elapsed;
        await all.WaitAsync(Patience, cancellationToken);
        var total = watch.Elapsed;
        Console.Error.WriteLine($"  wfc {workflowId}: {options.N} instances by {options.Concurrency} callers, starts issued in {startPhase.TotalSeconds:F2}s, all complete after {total.TotalSeconds:F2}s");
        return new FlowRun(options.N / total.TotalSeconds, options.N * activities / total.TotalSeconds);
    }

    /// <summary>The concurrent callers: as many as ours has, each calling WorkflowCore's host in turn.</summary>
    private IReadOnlyList<int> Callers => Enumerable.Range(0, options.Concurrency).ToList();

    private async Task<List<string>> StartAsync(WfcHarness harness, string workflowId, int count)
    {
        var ids = new string[count];
        await Lanes.RunAsync(Callers, Enumerable.Range(0, count).ToList(), async (_, k) => ids[k] = await harness.StartAsync(workflowId));
        return [.. ids];
    }

    private async Task<List<string>> StartSuspendedAsync(WfcHarness harness, int count, int stride, CancellationToken cancellationToken)
    {
        var ids = await StartAsync(harness, ResumeWorkflow.Name, count);
        await harness.WaitUntilSubscribedAsync(ids, stride, cancellationToken);
        return ids;
    }
}
