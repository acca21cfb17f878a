using System.Globalization;
using System.Runtime.InteropServices;

namespace Portal.Bench;

/// <summary>
/// Prints the sweep as Markdown tables, one per garbage collector: each engine's median over the runs, and the paired
/// ratio — ours ÷ WorkflowCore within the same run, then the median of those ratios and their spread (min–max).
/// Memory is each engine's own figure, no ratio.
/// </summary>
public static class ResultTable
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void Print(IReadOnlyList<CellResult> results, BenchOptions options, IReadOnlyList<string> args, TimeSpan took, TimeSpan estimate)
    {
        Console.WriteLine($"Machine: {Environment.ProcessorCount} logical cores ({Cpu()}), {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}");
        Console.WriteLine($"Command: dotnet run -c Release --project bench/Portal.Bench -- {string.Join(' ', args)}");
        Console.WriteLine($"Closed loop for both engines: each caller waits until its instance is stored complete. {options.Runs} run(s) per GC mode (one process each, " +
            $"the engine that goes first alternating); measured loops stop after {options.N:N0} items or {options.Seconds:G} s; warm-up {options.WarmupRounds} × {options.Warmup:N0} " +
            $"(first cell of a scenario, later cells 1 round), ≤ {options.WarmupSeconds:G} s a round. Took {took.TotalMinutes:F1} min (estimate {estimate.TotalMinutes:F1} min)." +
            (options.Synchronous is { } level ? $" WHAT-IF, not the portal's setting: SQLite synchronous = {level}." : " SQLite: WAL, synchronous = FULL (asserted), the portal's busy handler."));
        foreach (var gc in results.Select(r => r.Gc).Distinct())
        {
            PrintGc(results.Where(r => r.Gc == gc).ToList(), gc, options);
        }
    }

    private static void PrintGc(List<CellResult> results, string gc, BenchOptions options)
    {
        Console.WriteLine();
        Console.WriteLine($"### {gc} GC");
        Console.WriteLine();
        var commit = results.Where(r => r.Scenario == CellResult.DiskCommit).Select(r => r.P50).ToList();
        if (commit.Count > 0)
        {
            Console.WriteLine($"One committed write on this disk (SQLite, WAL, synchronous = {options.Synchronous ?? "FULL"}): {Stats.Median(commit):N2} ms (median of {commit.Count} process(es), 50 writes each).");
            Console.WriteLine();
        }

        Console.WriteLine("| scenario | callers | suspended | ours /s | WFC /s | ours ÷ WFC (paired median) | spread (min–max) | ours p50 / p95 ms | WFC p50 / p95 ms | target | met |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---|---:|---:|---|---|");
        var cells = results.Where(r => r.Scenario != CellResult.DiskCommit)
            .GroupBy(r => (r.Scenario, r.Callers, r.Population))
            .OrderBy(g => Array.IndexOf(BenchOptions.AllScenarios, g.Key.Scenario)).ThenBy(g => g.Key.Population).ThenBy(g => g.Key.Callers);
        foreach (var cell in cells)
        {
            var ours = cell.Where(r => r.Engine == CellResult.Ours).ToList();
            var wfc = cell.Where(r => r.Engine == CellResult.WorkflowCore).ToList();
            var ratios = ours.Join(wfc, o => o.Run, w => w.Run, (o, w) => o.PerSecond / w.PerSecond).ToList();
            var target = Target(cell.Key.Scenario, cell.Key.Callers);
            var met = target is null || ratios.Count == 0 ? "—"
                : Stats.Median(ratios) < target ? "**no**"
                : ratios.Min() >= target ? "yes (every run)" : "yes (median; not every run)";
            Console.WriteLine(
                $"| {Label(cell.Key.Scenario)} | {cell.Key.Callers} | {(cell.Key.Scenario == "resume" ? cell.Key.Population.ToString("N0", Invariant) : "—")} " +
                $"| {Median(ours, r => r.PerSecond, "N0")} | {Median(wfc, r => r.PerSecond, "N0")} " +
                $"| {(ratios.Count > 0 ? Stats.Median(ratios).ToString("N2", Invariant) + "×" : "—")} " +
                $"| {(ratios.Count > 0 ? $"{ratios.Min().ToString("N2", Invariant)}–{ratios.Max().ToString("N2", Invariant)}× ({ratios.Count} runs)" : "—")} " +
                $"| {Latency(ours)} | {Latency(wfc)} | {(target is { } t ? $"≥ {t:G}×" : "—")} | {met} |");
        }

        var one = results.Where(r => r.Engine == CellResult.Ours && r.Callers == 1 && r.Scenario != CellResult.DiskCommit).ToList();
        if (one.Count > 0 && commit.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine($"One caller (ours): each start or resume waits for its own commit, one disk sync ({Stats.Median(commit):N2} ms here): " +
                string.Join("; ", one.GroupBy(r => (r.Scenario, r.Population)).Select(g =>
                    $"{Label(g.Key.Scenario)}{(g.Key.Scenario == "resume" ? $" ({g.Key.Population:N0})" : "")} p50 {Stats.Median(g.Select(r => r.P50)).ToString("N2", Invariant)} ms")) + ".");
        }

        var memory = results.Where(r => r.HeapPerInstance is not null).GroupBy(r => (r.Engine, r.Population)).OrderBy(g => g.Key.Population).ThenBy(g => g.Key.Engine).ToList();
        if (memory.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine("| memory, suspended population | engine | managed heap per instance (B) | working set per instance (B) | managed heap after (MB) | working set after (MB) |");
            Console.WriteLine("|---:|---|---:|---:|---:|---:|");
            foreach (var g in memory)
            {
                Console.WriteLine(
                    $"| {g.Key.Population:N0} | {(g.Key.Engine == CellResult.Ours ? "ours (SQLite file)" : "WorkflowCore (in memory)")} " +
                    $"| {Median(g, r => r.HeapPerInstance!.Value, "N0")} | {Median(g, r => r.WorkingSetPerInstance!.Value, "N0")} " +
                    $"| {Median(g, r => r.HeapAfterMb!.Value, "N1")} | {Median(g, r => r.WorkingSetAfterMb!.Value, "N1")} |");
            }
        }
    }

    /// <summary>The issue's targets: ≥ 1× at 8 and 32 callers (sequence, parallel), ≥ 1× side effects at 32, resume ≥ 2× (one caller is reported, not targeted).</summary>
    private static double? Target(string scenario, int callers) => scenario switch
    {
        "sequence" or "parallel" when callers is 8 or 32 => 1,
        "effects" when callers == 32 => 1,
        "resume" when callers > 1 => 2,
        _ => null,
    };

    public static string Label(string scenario) => scenario switch
    {
        "sequence" => "sequence (10 activities)",
        "parallel" => "parallel (fork 4 + join)",
        "effects" => "side effects (5, worker path)",
        "resume" => "resume by signal",
        _ => scenario,
    };

    private static string Median(IEnumerable<CellResult> results, Func<CellResult, double> value, string format)
    {
        var values = results.Select(value).ToList();
        return values.Count == 0 ? "—" : Stats.Median(values).ToString(format, Invariant);
    }

    private static string Latency(List<CellResult> results) =>
        results.Count == 0 ? "—" : $"{Median(results, r => r.P50, "N2")} / {Median(results, r => r.P95, "N2")}";

    private static string Cpu()
    {
        const string cpuInfo = "/proc/cpuinfo";
        var model = File.Exists(cpuInfo)
            ? File.ReadLines(cpuInfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        return model ?? RuntimeInformation.ProcessArchitecture.ToString();
    }
}
