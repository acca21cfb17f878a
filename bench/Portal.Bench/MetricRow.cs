namespace Portal.Bench;

/// <summary>A row of the result table: which metric of each engine, its unit, and the target for it.</summary>
public sealed record MetricRow(string Label, string Unit, string Metric, string Target, Func<double, double, bool>? Met, string Format = "N0", string? WfcMetric = null)
{
    public static readonly IReadOnlyList<MetricRow> All =
    [
        new("sequence: 10 activities, literal values", "instances/s", "seq.literal", "≥ 1× WFC", (o, w) => o >= w, WfcMetric: "seq"),
        new("sequence: 10 activities, one expression each (WFC: same no-op flow)", "instances/s", "seq.expr", "—", null, WfcMetric: "seq"),
        new("activity executions (sequence, literal)", "activities/s", "seq.literal.act", "≥ 1× WFC", (o, w) => o >= w, WfcMetric: "seq.act"),
        new("parallel: fork 4 branches + join", "instances/s", "par", "≥ 1× WFC", (o, w) => o >= w),
        new("resume burst throughput", "resumes/s", "resume.burst", "≥ 2× WFC", (o, w) => o >= 2 * w),
        new("resume burst latency p50", "ms", "resume.p50", "—", null, "N1"),
        new("resume burst latency p95", "ms", "resume.p95", "≤ 0.5× WFC", (o, w) => o <= w / 2, "N1"),
        new("solo resume latency p50", "ms", "solo.p50", "< 2 ms", (o, _) => o < 2, "N2"),
        new("solo resume latency p95", "ms", "solo.p95", "—", null, "N2"),
        new("memory per suspended instance, managed heap", "bytes", "mem.managed", "flat (< 64 B)", (o, _) => o < 64),
        new("memory per suspended instance, working set", "bytes", "mem.ws", "—", null),
        new("managed heap after the suspended population", "MB", "mem.managed.after", "—", null, "N1"),
        new("working set after the suspended population", "MB", "mem.ws.after", "—", null, "N1"),
    ];

    public string WfcKey => WfcMetric ?? Metric;
}
