namespace Portal.Bench;

/// <summary>
/// How long a sweep will take, before it starts: every loop stops at its time limit, so most of the time is bounded
/// by the limits; to that come the populations to build and a few seconds per process. Ours builds about 5,000
/// suspended instances a second whatever the population; WorkflowCore's in-memory store finds an instance by scanning
/// its list, so building P instances costs about P² (fitted on the 2-core development machine: 20,000 in about 25 s,
/// 100,000 in several minutes). A bound for the loops, a guess for the rest.
/// </summary>
public static class Estimate
{
    private const double OursBuildPerSecond = 5_000;
    private const double WfcBuildPerSecond = 2_000;
    private const double WfcQuadratic = 3.75e-8;
    private const double PerProcess = 6;
    private const double PerUnit = 1.0;

    public static TimeSpan Of(BenchOptions options)
    {
        var buildSecondsPerInstance = (options.RunOurs ? 1 / OursBuildPerSecond : 0) + (options.RunWorkflowCore ? 1 / WfcBuildPerSecond : 0);
        var engines = (options.RunOurs ? 1 : 0) + (options.RunWorkflowCore ? 1 : 0);
        var seen = new HashSet<string>();
        var seconds = PerProcess;
        foreach (var unit in Cell.Sweep(options).GroupBy(c => c.Scenario == "resume" ? $"resume/{c.Population}" : $"{c.Scenario}/{c.Callers}"))
        {
            var population = unit.First().Scenario == "resume" ? (double)unit.First().Population : 0;
            seconds += engines * PerUnit + population * buildSecondsPerInstance + (options.RunWorkflowCore ? WfcQuadratic * population * population : 0);
            foreach (var cell in unit)
            {
                var rounds = seen.Add(cell.Scenario) ? options.WarmupRounds : 1;
                var warmUp = rounds * Math.Min(options.WarmupSeconds, options.Warmup / 1_000.0);
                var prepared = cell.Scenario == "resume" ? (rounds * options.Warmup + Math.Min(options.N, 3_000 * options.Seconds)) * buildSecondsPerInstance : 0;
                seconds += engines * (warmUp + options.Seconds) + prepared;
            }
        }

        return TimeSpan.FromSeconds(seconds * options.GcModes.Count * options.Runs);
    }
}
