using System.Diagnostics;
using Portal.Bench.Profiling;

namespace Portal.Bench.Ours;

/// <summary>--profile: one profiled sequence loop of ours at the reference callers, in this process; where a start's time goes.</summary>
public static class ProfileRun
{
    public static async Task RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        using var template = await OursTemplate.CreateAsync(options, cancellationToken);
        var sections = new Sections();
        var callers = options.ReferenceCallers;
        await using var session = await OursSession.CreateAsync(template, options, callers, sections, cancellationToken);
        await ClosedLoop.RunAsync(callers, options.Warmup, TimeSpan.FromSeconds(options.WarmupSeconds), (lane, _) => session.RunAsync(lane, "sequence", cancellationToken));
        sections.Clear();
        var watch = Stopwatch.StartNew();
        var loop = await ClosedLoop.RunAsync(callers, options.N, TimeSpan.FromSeconds(options.Seconds), (lane, _) => session.RunAsync(lane, "sequence", cancellationToken));
        ProfileReport.Print(sections, loop.Count, watch.Elapsed, watch.Elapsed, session.Pragmas);
        await ProfileReport.PrintSerializationAsync(session.QueryContext, OursDefinitions.Sequence(expressions: false), cancellationToken);
    }
}
