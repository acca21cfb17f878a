using System.Collections.Concurrent;
using System.Diagnostics;
using Portal.Workflows.Runtime;

namespace Portal.Bench.Ours;

/// <summary>The scenarios on our engine; each builds a fresh SQLite file and returns its metrics.</summary>
public sealed class OursScenarios(BenchOptions options)
{
    private const int WarmUp = 100;

    public async Task<Dictionary<string, double>> SequenceAsync(CancellationToken cancellationToken)
    {
        var literal = await RunFlowAsync(OursDefinitions.Sequence(expressions: false), activities: 10, cancellationToken);
        var expression = await RunFlowAsync(OursDefinitions.Sequence(expressions: true), activities: 10, cancellationToken);
        return new()
        {
            ["seq.literal"] = literal.PerSecond,
            ["seq.literal.act"] = literal.ActivitiesPerSecond,
            ["seq.expr"] = expression.PerSecond,
            ["seq.expr.act"] = expression.ActivitiesPerSecond,
        };
    }

    public async Task<Dictionary<string, double>> ParallelAsync(CancellationToken cancellationToken)
    {
        var run = await RunFlowAsync(OursDefinitions.Parallel(), activities: 8, cancellationToken);
        return new() { ["par"] = run.PerSecond };
    }

    public async Task<Dictionary<string, double>> ResumeAsync(CancellationToken cancellationToken)
    {
        var probe = new CompletionProbe();
        await using var harness = await OursHarness.CreateAsync(probe, null, options.Synchronous, options.Concurrency, cancellationToken);
        var definition = OursDefinitions.Resume();
        await harness.PublishAsync(definition, cancellationToken);
        await ResumeAllAsync(harness, await StartSuspendedAsync(harness, definition.Id, WarmUp, cancellationToken), cancellationToken);

        var waiting = await StartSuspendedAsync(harness, definition.Id, options.N + options.SoloSamples, cancellationToken);
        var solo = new List<double>();
        var caller = harness.Lanes[0];
        foreach (var (instanceId, bookmarkId) in waiting.Take(options.SoloSamples))
        {
            var sent = Stopwatch.GetTimestamp();
            await caller.ResumeAsync(instanceId, bookmarkId, null, cancellationToken);
            probe.Committed(instanceId);
            while (probe.CompletedAt(instanceId) is null)
            {
                await harness.Engine.ProcessDueAsync(options.Batch, cancellationToken);
                probe.Committed();
            }

            solo.Add(Stopwatch.GetElapsedTime(sent, probe.CompletedAt(instanceId)!.Value).TotalMilliseconds);
        }

        var burst = waiting.Skip(options.SoloSamples).ToList();
        var sentAt = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var first = Stopwatch.GetTimestamp();
        await Lanes.RunAsync(harness.Lanes, burst, async (engine, resume) =>
        {
            sentAt[resume.Key] = Stopwatch.GetTimestamp();
            await engine.ResumeAsync(resume.Key, resume.Value, null, cancellationToken);
            probe.Committed(resume.Key);
        });

        var queued = Stopwatch.GetElapsedTime(first);
        await harness.DrainAsync(options.Batch, cancellationToken);
        var latencies = burst.Select(b => Stopwatch.GetElapsedTime(sentAt[b.Key], probe.CompletedAt(b.Key) ?? throw Incomplete(b.Key)).TotalMilliseconds).ToList();
        var last = burst.Max(b => probe.CompletedAt(b.Key)!.Value);
        var elapsed = Stopwatch.GetElapsedTime(first, last);
        Console.Error.WriteLine($"  ours resume: {burst.Count} resumes by {options.Concurrency} callers returned after {queued.TotalSeconds:F2}s, all completed after {elapsed.TotalSeconds:F2}s");
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
        await using var harness = await OursHarness.CreateAsync(probe, null, options.Synchronous, options.Concurrency, cancellationToken);
        var definition = OursDefinitions.Resume();
        await harness.PublishAsync(definition, cancellationToken);
        await StartSuspendedAsync(harness, definition.Id, WarmUp, cancellationToken);

        var before = MemorySample.Take();
        var watch = Stopwatch.StartNew();
        for (var done = 0; done < options.Suspended; done += 1_000)
        {
            await harness.StartAsync(definition.Id, Math.Min(1_000, options.Suspended - done), cancellationToken);
            await harness.DrainAsync(options.Batch, cancellationToken);
        }

        var suspended = await harness.CountAsync(WorkflowStatus.Suspended, cancellationToken);
        var after = MemorySample.Take();
        Console.Error.WriteLine($"  ours memory: {suspended} suspended instances in the database ({options.Suspended} added in {watch.Elapsed.TotalSeconds:F1}s); {before} → {after}");
        return MemorySample.Metrics(before, after, options.Suspended);
    }

    /// <summary>One profiled sequence run: where a work item's time goes. Printed, not pooled.</summary>
    public async Task ProfileAsync(CancellationToken cancellationToken)
    {
        var probe = new CompletionProbe();
        var sections = new Profiling.Sections();
        await using var harness = await OursHarness.CreateAsync(probe, sections, options.Synchronous, options.Concurrency, cancellationToken);
        var definition = OursDefinitions.Sequence(expressions: false);
        await harness.PublishAsync(definition, cancellationToken);
        var watch = Stopwatch.StartNew();
        await harness.StartAsync(definition.Id, options.N, cancellationToken);
        var startPhase = watch.Elapsed;
        await harness.DrainAsync(options.Batch, cancellationToken);
        Profiling.ProfileReport.Print(sections, options.N, startPhase, watch.Elapsed, harness.Pragmas);
        await Profiling.ProfileReport.PrintSerializationAsync(harness, definition, cancellationToken);
    }

    private async Task<FlowRun> RunFlowAsync(Workflows.Definitions.WorkflowDefinition definition, int activities, CancellationToken cancellationToken)
    {
        var probe = new CompletionProbe();
        await using var harness = await OursHarness.CreateAsync(probe, null, options.Synchronous, options.Concurrency, cancellationToken);
        await harness.PublishAsync(definition, cancellationToken);
        await harness.StartAsync(definition.Id, WarmUp, cancellationToken);
        await harness.DrainAsync(options.Batch, cancellationToken);

        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var gcs = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalAllocatedBytes());
        var watch = Stopwatch.StartNew();
        await harness.StartAsync(definition.Id, options.N, cancellationToken);
        var startPhase = watch.Elapsed;
        await harness.DrainAsync(options.Batch, cancellationToken);
        var total = watch.Elapsed;
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var completed = await harness.CountAsync(WorkflowStatus.Completed, cancellationToken);
        if (completed != options.N + WarmUp)
        {
            throw new InvalidOperationException($"{definition.Id}: {completed} of {options.N + WarmUp} instances completed.");
        }

        Console.Error.WriteLine($"  ours {definition.Id}: {options.N} instances by {options.Concurrency} callers, starts {startPhase.TotalSeconds:F2}s + processing {(total - startPhase).TotalSeconds:F2}s = {total.TotalSeconds:F2}s, CPU {cpu.TotalMicroseconds / options.N:F0} µs and {(GC.GetTotalAllocatedBytes() - gcs.Item4) / options.N / 1024.0:F1} KB allocated per instance, GCs {GC.CollectionCount(0) - gcs.Item1}/{GC.CollectionCount(1) - gcs.Item2}/{GC.CollectionCount(2) - gcs.Item3} [{harness.Pragmas}]");
        return new FlowRun(options.N / total.TotalSeconds, options.N * activities / total.TotalSeconds);
    }

    private async Task<Dictionary<string, string>> StartSuspendedAsync(OursHarness harness, string definitionId, int count, CancellationToken cancellationToken)
    {
        var ids = await harness.StartAsync(definitionId, count, cancellationToken);
        await harness.DrainAsync(options.Batch, cancellationToken);
        var bookmarks = await harness.BookmarksAsync(cancellationToken);
        return ids.ToDictionary(id => id, id => bookmarks.TryGetValue(id, out var bookmark) ? bookmark : throw new InvalidOperationException($"Instance {id} is not suspended."));
    }

    private async Task ResumeAllAsync(OursHarness harness, Dictionary<string, string> waiting, CancellationToken cancellationToken)
    {
        await Lanes.RunAsync(harness.Lanes, waiting.ToList(), (engine, resume) => engine.ResumeAsync(resume.Key, resume.Value, null, cancellationToken));
        await harness.DrainAsync(options.Batch, cancellationToken);
    }

    private static InvalidOperationException Incomplete(string instanceId) => new($"Instance {instanceId} did not complete.");
}
