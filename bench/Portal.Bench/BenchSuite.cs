using Portal.Bench.Ours;
using Portal.Bench.Wfc;

namespace Portal.Bench;

/// <summary>Runs the chosen scenarios K times in this process and reduces each metric to its median.</summary>
public static class BenchSuite
{
    public static async Task<List<Measurement>> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var ours = new OursScenarios(options);
        var wfc = new WfcScenarios(options);
        var samples = new List<Measurement>();
        for (var run = 1; run <= options.Runs; run++)
        {
            foreach (var scenario in options.Scenarios)
            {
                // Memory is a before/after of one big population: once per process is enough.
                if (scenario == "memory" && run > 1)
                {
                    continue;
                }

                Console.Error.WriteLine($"run {run}/{options.Runs}: {scenario}");
                if (options.RunOurs)
                {
                    Add(samples, Measurement.Ours, await RunAsync(scenario, ours.SequenceAsync, ours.ParallelAsync, ours.ResumeAsync, ours.MemoryAsync, cancellationToken));
                }

                if (options.RunWorkflowCore)
                {
                    Add(samples, Measurement.WorkflowCore, await RunAsync(scenario, wfc.SequenceAsync, wfc.ParallelAsync, wfc.ResumeAsync, wfc.MemoryAsync, cancellationToken));
                }
            }
        }

        if (options.Profile && options.RunOurs)
        {
            await ours.ProfileAsync(cancellationToken);
        }

        return samples.GroupBy(m => (m.Engine, m.Metric))
            .Select(g => new Measurement(g.Key.Engine, g.Key.Metric, Stats.Median(g.Select(m => m.Value))))
            .ToList();
    }

    private static Task<Dictionary<string, double>> RunAsync(
        string scenario,
        Func<CancellationToken, Task<Dictionary<string, double>>> sequence,
        Func<CancellationToken, Task<Dictionary<string, double>>> parallel,
        Func<CancellationToken, Task<Dictionary<string, double>>> resume,
        Func<CancellationToken, Task<Dictionary<string, double>>> memory,
        CancellationToken cancellationToken) => scenario switch
        {
            "sequence" => sequence(cancellationToken),
            "parallel" => parallel(cancellationToken),
            "resume" => resume(cancellationToken),
            _ => memory(cancellationToken),
        };

    private static void Add(List<Measurement> samples, string engine, Dictionary<string, double> metrics) =>
        samples.AddRange(metrics.Select(m => new Measurement(engine, m.Key, m.Value)));
}
