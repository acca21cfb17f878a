using System.Globalization;

namespace Portal.Load;

/// <summary>The table of a run (Markdown, on standard output), the errors, the memory over time and the portal's own metrics.</summary>
public static class LoadReport
{
    public static void Print(TextWriter output, LoadOptions options, string database, LoadRun run, IReadOnlyList<PortalNode> nodes)
    {
        var window = (options.Duration - options.Warmup).TotalSeconds;
        var onTarget = options.Postgres is not null && options.Clients == 50;
        var rate = run.SubmissionsInWindow / window;
        var p95 = run.Submit.Percentile(95);
        output.WriteLine();
        output.WriteLine(F($"database: {database}"));
        output.WriteLine(F($"nodes: {nodes.Count}; clients: {options.Clients} requesters, {options.Approvers} approvers; window: {window:0} s ({options.Duration.TotalSeconds:0} s run − {options.Warmup.TotalSeconds:0} s warm-up); processor count: {Environment.ProcessorCount}"));
        output.WriteLine();
        output.WriteLine("| measure | value | target (issue 15) | met |");
        output.WriteLine("|---|---:|---|---|");
        Row(output, "submissions (in window)", F($"{run.SubmissionsInWindow}"));
        Row(output, "submissions/s", F($"{rate:0.0}"), "≥ 200 on PostgreSQL at 50 clients", onTarget ? YesNo(rate >= 200) : "—");
        Row(output, "submit p50 / p95 / p99 (ms)", Triple(run.Submit), "p95 < 100 ms", onTarget ? YesNo(p95 < 100) : "—");
        Row(output, "approvals (in window)", F($"{run.ApprovalsInWindow}"));
        Row(output, "approvals/s", F($"{run.ApprovalsInWindow / window:0.0}"));
        Row(output, "approve p50 / p95 / p99 (ms)", Triple(run.Approve));
        Row(output, F($"approval → running server p50 / p95 / p99 (ms, portal's times; n = {run.ToRunning.Count})"), Triple(run.ToRunning));
        Row(output, "approval → running server p50 / p95 (ms, as polled every 0.5 s)",
            F($"{run.ToRunningPolled.Percentile(50):0} / {run.ToRunningPolled.Percentile(95):0}"));
        Row(output, "whole run: submitted / approved / running", F($"{run.Submissions} / {run.Approvals} / {run.Completed}"));
        Row(output, "approval backlog when the clients stopped", F($"{run.BacklogAtEnd}"));
        Row(output, "drain after the clients stopped (s)", F($"{run.DrainTook.TotalSeconds:0.0}"));
        Row(output, "errors", F($"{run.Errors.Total}"), "0", YesNo(run.Errors.Total == 0));
        Row(output, "cores busy in the window: portal node(s) / load program / the rest (database, OS) / all", Cores(run.Cpu));
        foreach (var node in nodes)
        {
            var rss = run.Samples.Select(s => s.Nodes.FirstOrDefault(n => n.Node == node.Number)?.WorkingSet).OfType<long>().Select(b => (double)b).ToList();
            var heap = run.Samples.Select(s => s.Nodes.FirstOrDefault(n => n.Node == node.Number)?.GcHeap).OfType<double>().ToList();
            Row(output, F($"node {node.Number} working set first / max / last (MB)"), Span(rss));
            Row(output, F($"node {node.Number} GC heap first / max / last (MB)"), heap.Count > 0 ? Span(heap) : "not available");
            if (options.Soak)
            {
                var (slope, perMinute, verdict) = Soak(run.Samples, node.Number, options.Duration.TotalSeconds);
                Row(output, F($"node {node.Number} working set slope, second half (bytes per completed workflow; MB per minute)"),
                    slope is { } s ? F($"{s:0}; {perMinute:0.0}") : "not fitted: under 3 samples, or no workflow completed, in the second half", "flat", verdict);
            }
        }

        output.WriteLine();
        if (run.Errors.Total > 0)
        {
            output.WriteLine("errors by kind: " + string.Join(", ", run.Errors.Counts.Select(c => F($"{c.Key} × {c.Value}"))));
            output.WriteLine(F($"the first {Math.Min(ErrorLog.Kept, run.Errors.Total)}:"));
            foreach (var first in run.Errors.First)
            {
                output.WriteLine("  " + first.ReplaceLineEndings(" "));
            }

            output.WriteLine();
        }

        output.WriteLine("memory over time (s: completed workflows; per node working set MB [GC heap MB]):");
        foreach (var sample in run.Samples)
        {
            output.WriteLine(F($"  {sample.Seconds,7:0.0} s: {sample.CompletedWorkflows,7}; ") + string.Join("; ", sample.Nodes.Select(n =>
                F($"node {n.Node} {Mb(n.WorkingSet)}") + (n.GcHeap is { } h ? F($" [{h / 1048576:0}]") : ""))));
        }

        output.WriteLine();
        output.WriteLine(run.MetricsNote);
        if (run.FinalMetrics is { } metrics)
        {
            foreach (var name in new[]
                     {
                         "portal_workflow_instances_started_total", "portal_workflow_instances_completed_total",
                         "portal_workflow_instances_faulted_total", "portal_workflow_incidents_total", "portal_workflow_lease_takeovers_total",
                         "portal_workflow_work_queue_depth", "portal_workflow_work_oldest_due_age_seconds",
                         "http_server_request_duration_seconds_count",
                     })
            {
                output.WriteLine(F($"  node 1 {name}: {(metrics.Sum(name) is { } v ? v.ToString("0.###", CultureInfo.InvariantCulture) : "absent")}"));
            }
        }
    }

    /// <summary>
    /// The working set against completed workflows over the second half of a soak's load (after the warm-up and the
    /// first growth; the drain after it is left out): the slope in bytes per workflow, in MB per minute, and "flat"
    /// when the line grows less than 5 % of the mean working set over that half.
    /// </summary>
    private static (double? Slope, double PerMinute, string Verdict) Soak(IReadOnlyList<MemorySample> samples, int node, double loadSeconds)
    {
        var points = samples.Where(s => s.Seconds >= loadSeconds / 2 && s.Seconds <= loadSeconds)
            .Select(s => (s, rss: s.Nodes.FirstOrDefault(n => n.Node == node)?.WorkingSet))
            .Where(p => p.rss is not null)
            .ToList();
        var perWorkflow = SlopeFit.Of([.. points.Select(p => ((double)p.s.CompletedWorkflows, (double)p.rss!.Value))]);
        var perSecond = SlopeFit.Of([.. points.Select(p => (p.s.Seconds, (double)p.rss!.Value))]);
        if (perWorkflow is null || perSecond is null)
        {
            return (null, 0, "—");
        }

        var workflows = points[^1].s.CompletedWorkflows - points[0].s.CompletedWorkflows;
        var growth = perWorkflow.Slope * workflows;
        var mean = points.Average(p => (double)p.rss!.Value);
        return (perWorkflow.Slope, perSecond.Slope * 60 / 1048576, growth < 0.05 * mean ? "yes (flat)" : "no (growing)");
    }

    private static string Cores(CpuUse? cpu)
    {
        if (cpu is null)
        {
            return "not measured (the window was not reached)";
        }

        static string C(double? cores) => cores is { } c ? F($"{c:0.00}") : "?";
        return F($"{string.Join(" + ", cpu.Nodes.Select(C))} / {C(cpu.Program)} / {C(cpu.Rest)} / {C(cpu.Machine)} of {cpu.Cores}");
    }

    private static void Row(TextWriter output, string measure, string value, string target = "—", string met = "—") =>
        output.WriteLine($"| {measure} | {value} | {target} | {met} |");

    private static string Triple(Latencies latencies) => latencies.Count == 0
        ? "none"
        : F($"{latencies.Percentile(50):0.0} / {latencies.Percentile(95):0.0} / {latencies.Percentile(99):0.0}");

    private static string Span(IReadOnlyList<double> bytes) => bytes.Count == 0
        ? "not available"
        : F($"{bytes[0] / 1048576:0} / {bytes.Max() / 1048576:0} / {bytes[^1] / 1048576:0}");

    private static string Mb(long? bytes) => bytes is { } b ? F($"{b / 1048576.0:0}") : "?";

    private static string YesNo(bool met) => met ? "yes" : "no";

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
