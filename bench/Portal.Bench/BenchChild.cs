using System.Diagnostics;
using System.Runtime;
using Portal.Bench.Ours;
using Portal.Bench.Wfc;

namespace Portal.Bench;

/// <summary>
/// One run in one process (one garbage collector): every cell of the sweep on both engines, the engine that goes
/// first alternating from cell to cell and from run to run. Each engine gets a fresh database or host per cell, the
/// same warm-up and the same closed loop.
/// </summary>
public sealed class BenchChild(BenchOptions options, Action<CellResult> emit)
{
    private const int MinimumResumes = 1_000;

    private readonly HashSet<(string Engine, string Scenario)> warmed = [];
    private OursTemplate? template;

    private string Gc => GCSettings.IsServerGC ? "server" : "workstation";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (options.ChildGc is { } expected && expected != Gc)
        {
            throw new InvalidOperationException($"This process was asked for the {expected} GC (DOTNET_gcServer) but runs the {Gc} GC.");
        }

        using var disk = options.RunOurs ? await OursTemplate.CreateAsync(options, cancellationToken) : null;
        template = disk;
        if (disk is not null)
        {
            emit(new CellResult(Gc, options.ChildRun, CellResult.Ours, CellResult.DiskCommit, 1, 0, 50, 0, 0, disk.CommitP50Ms, disk.CommitP50Ms));
        }

        // A unit is one fresh database or host per engine: a cell, or for resume one population measured at each caller count.
        var units = Cell.Sweep(options).GroupBy(c => c.Scenario == "resume" ? $"resume/{c.Population}" : $"{c.Scenario}/{c.Callers}")
            .Select(g => g.OrderBy(c => c.Callers).ToList()).ToList();
        for (var i = 0; i < units.Count; i++)
        {
            var engines = new List<string>();
            if (options.RunOurs)
            {
                engines.Add(CellResult.Ours);
            }

            if (options.RunWorkflowCore)
            {
                engines.Add(CellResult.WorkflowCore);
            }

            if ((options.ChildRun + i) % 2 == 0)
            {
                engines.Reverse();
            }

            foreach (var engine in engines)
            {
                var watch = Stopwatch.StartNew();
                var results = await RunUnitAsync(engine, units[i], cancellationToken);
                foreach (var result in results)
                {
                    Console.Error.WriteLine(
                        $"  [{Gc} run {options.ChildRun}] {engine,-4} {result.Scenario,-8} C={result.Callers,-3} P={result.Population,-6} " +
                        $"{result.Count,6} in {result.Seconds:F2}s = {result.PerSecond,8:N0}/s  p50 {result.P50:F2} ms  p95 {result.P95:F2} ms");
                    emit(result);
                }

                Console.Error.WriteLine($"  [{Gc} run {options.ChildRun}] {engine} {units[i][0].Scenario} took {watch.Elapsed.TotalSeconds:F1}s");

                // The next engine starts from a clean heap, not from this one's garbage.
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            }
        }
    }

    private async Task<List<CellResult>> RunUnitAsync(string engine, List<Cell> unit, CancellationToken cancellationToken)
    {
        var scenario = unit[0].Scenario;
        await using IEngineSession session = engine == CellResult.Ours
            ? await OursSession.CreateAsync(template!, options, Math.Max(unit.Max(c => c.Callers), 32), null, cancellationToken)
            : WfcSession.Start(options);
        var warmUp = TimeSpan.FromSeconds(options.WarmupSeconds);
        var limit = TimeSpan.FromSeconds(options.Seconds);
        var results = new List<CellResult>();
        if (scenario != "resume")
        {
            var cell = unit[0];
            var rounds = Rounds(engine, scenario);
            for (var round = 0; round < rounds; round++)
            {
                await ClosedLoop.RunAsync(cell.Callers, options.Warmup, warmUp, (lane, _) => session.RunAsync(lane, scenario, cancellationToken));
            }

            var effects = session.Effects;
            var loop = await ClosedLoop.RunAsync(cell.Callers, options.N, limit, (lane, _) => session.RunAsync(lane, scenario, cancellationToken));
            if (scenario == "effects" && session.Effects - effects != 5L * loop.Count)
            {
                throw new InvalidOperationException($"{engine}: {loop.Count} instances completed but {session.Effects - effects} effects were counted (expected 5 each).");
            }

            results.Add(Result(engine, cell, loop));
            return results;
        }

        // The population, with the heap and working set before and after it; then each caller count in turn.
        var population = unit[0].Population;
        var before = MemorySample.Take();
        await session.SuspendAsync(Correlations("p", population), cancellationToken);
        var after = MemorySample.Take();
        foreach (var cell in unit)
        {
            var rate = 0.0;
            var rounds = Rounds(engine, scenario);
            for (var round = 0; round < rounds; round++)
            {
                var warm = Correlations($"w{cell.Callers}-{round}", options.Warmup);
                await session.SuspendAsync(warm, cancellationToken);
                var loop = await ClosedLoop.RunAsync(cell.Callers, warm.Count, warmUp, (lane, k) => session.ResumeAsync(lane, warm[k], cancellationToken));
                rate = loop.PerSecond;
            }

            // Enough waiting instances for the time limit at the warm-up's rate (with a margin, and at least 1,000 so that
            // a slow warm-up round cannot leave a handful of samples), never more than --n.
            var wanted = Math.Max(rate * options.Seconds * 1.5, MinimumResumes) + cell.Callers;
            var measured = Correlations($"m{cell.Callers}", (int)Math.Clamp(wanted, cell.Callers, options.N));
            await session.SuspendAsync(measured, cancellationToken);
            var resumes = await ClosedLoop.RunAsync(cell.Callers, measured.Count, limit, (lane, k) => session.ResumeAsync(lane, measured[k], cancellationToken));
            results.Add(Result(engine, cell, resumes) with
            {
                HeapPerInstance = (double)(after.Managed - before.Managed) / population,
                WorkingSetPerInstance = (double)(after.WorkingSet - before.WorkingSet) / population,
                HeapAfterMb = after.Managed / 1048576.0,
                WorkingSetAfterMb = after.WorkingSet / 1048576.0,
            });
        }

        return results;
    }

    /// <summary>The full warm-up the first time an engine runs a scenario in this process; one round later (fresh database or host, warm JIT).</summary>
    private int Rounds(string engine, string scenario) => warmed.Add((engine, scenario)) ? options.WarmupRounds : 1;

    private CellResult Result(string engine, Cell cell, LoopResult loop) =>
        new(Gc, options.ChildRun, engine, cell.Scenario, cell.Callers, cell.Population, loop.Count, loop.Elapsed.TotalSeconds, loop.PerSecond, loop.P50, loop.P95);

    private static List<string> Correlations(string prefix, int count) =>
        Enumerable.Range(0, count).Select(k => $"{prefix}-{k}-{Guid.NewGuid():N}").ToList();
}
