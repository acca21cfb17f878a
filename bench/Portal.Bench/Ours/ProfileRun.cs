using System.Diagnostics;
using Portal.Bench.Profiling;

namespace Portal.Bench.Ours;

/// <summary>
/// --profile: one profiled loop of ours at the reference callers, in this process; where an instance's time goes. The
/// scenario is the first of --scenario that runs from a start alone (sequence, parallel or effects); sequence by default.
/// </summary>
public static class ProfileRun
{
    public static async Task RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        using var template = await OursTemplate.CreateAsync(options, cancellationToken);
        var sections = new Sections();
        var callers = options.ReferenceCallers;
        var scenario = options.Scenarios.FirstOrDefault(s => s is "sequence" or "parallel" or "effects") ?? "sequence";
        await using var session = await OursSession.CreateAsync(template, options, callers, sections, cancellationToken);
        await ClosedLoop.RunAsync(callers, options.Warmup, TimeSpan.FromSeconds(options.WarmupSeconds), (lane, _) => session.RunAsync(lane, scenario, cancellationToken));
        sections.Clear();
        var watch = Stopwatch.StartNew();
        var loop = await ClosedLoop.RunAsync(callers, options.N, TimeSpan.FromSeconds(options.Seconds), (lane, _) => session.RunAsync(lane, scenario, cancellationToken));
        ProfileReport.Print(sections, scenario, loop.Count, watch.Elapsed, watch.Elapsed, session.Pragmas);
        var definition = OursDefinitions.All().Single(d => d.Id == OursDefinitions.IdOf(scenario));
        await ProfileReport.PrintSerializationAsync(session.QueryContext, definition, cancellationToken);
    }
}
