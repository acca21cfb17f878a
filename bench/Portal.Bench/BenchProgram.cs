using System.Diagnostics;
using System.Reflection;
using System.Text.Json;

namespace Portal.Bench;

/// <summary>Runs in this process, or in P child processes whose medians are pooled, and prints the table.</summary>
public static class BenchProgram
{
    public static async Task<int> RunAsync(BenchOptions options, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        if (typeof(BenchProgram).Assembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled == true)
        {
            Console.Error.WriteLine("WARNING: this is a Debug build; numbers are not comparable. Run with -c Release.");
        }

        var watch = Stopwatch.StartNew();
        if (options.Child)
        {
            foreach (var measurement in await BenchSuite.RunAsync(options, cancellationToken))
            {
                Console.WriteLine(ChildProcesses.ResultPrefix + JsonSerializer.Serialize(measurement));
            }

            return 0;
        }

        List<Measurement> pooled;
        if (options.Processes > 1)
        {
            var perProcess = await ChildProcesses.RunAsync(args, options.Processes, cancellationToken);
            pooled = perProcess.SelectMany(p => p)
                .GroupBy(m => (m.Engine, m.Metric))
                .Select(g => new Measurement(g.Key.Engine, g.Key.Metric, Stats.Median(g.Select(m => m.Value))))
                .ToList();
        }
        else
        {
            pooled = await BenchSuite.RunAsync(options, cancellationToken);
        }

        ResultTable.Print(pooled, options, args, options.Processes, watch.Elapsed);
        return 0;
    }
}
