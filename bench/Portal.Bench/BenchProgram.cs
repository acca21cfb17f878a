using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using Portal.Bench.Ours;

namespace Portal.Bench;

/// <summary>
/// The parent: checks the folder, prints an estimate, runs each (collector, run) in a child process and prints the
/// tables. A child (--child-run) runs its cells and prints RESULT lines.
/// </summary>
public static class BenchProgram
{
    public static async Task<int> RunAsync(BenchOptions options, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        if (DiskFolder.Refusal(options.Temp, out var fileSystem) is { } refusal)
        {
            Console.Error.WriteLine($"Refusing to run: {refusal}");
            return 3;
        }

        if (options.ChildRun > 0)
        {
            await new BenchChild(options, r => Console.WriteLine(ChildProcesses.ResultPrefix + JsonSerializer.Serialize(r))).RunAsync(cancellationToken);
            return 0;
        }

        if (typeof(BenchProgram).Assembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled == true)
        {
            Console.Error.WriteLine("WARNING: this is a Debug build; numbers are not comparable. Run with -c Release.");
        }

        if (options.Profile)
        {
            await ProfileRun.RunAsync(options, cancellationToken);
            return 0;
        }

        var estimate = Estimate.Of(options);
        Console.Error.WriteLine($"Temp folder {Path.GetFullPath(options.Temp)} ({fileSystem}). {Cell.Sweep(options).Count} cells × {options.GcModes.Count} GC mode(s) × {options.Runs} run(s).");
        Console.Error.WriteLine($"Estimate: about {estimate.TotalMinutes:F0} min ({estimate.TotalSeconds:F0} s; from the time limits, the warm-ups and the populations to build).");
        if (options.EstimateOnly)
        {
            return 0;
        }

        var watch = Stopwatch.StartNew();
        var results = new List<CellResult>();
        foreach (var gc in options.GcModes)
        {
            for (var run = 1; run <= options.Runs; run++)
            {
                results.AddRange(await ChildProcesses.RunAsync(args, gc, run, cancellationToken));
            }
        }

        ResultTable.Print(results, options, args, watch.Elapsed, estimate);
        return 0;
    }
}
