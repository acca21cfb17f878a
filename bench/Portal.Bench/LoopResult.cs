namespace Portal.Bench;

/// <summary>What a closed loop measured: how many instances completed, in how long, and each one's latency (ms).</summary>
public sealed record LoopResult(int Count, TimeSpan Elapsed, double[] LatenciesMs)
{
    public double PerSecond => Count / Elapsed.TotalSeconds;

    public double P50 => Stats.Percentile(LatenciesMs, 50);

    public double P95 => Stats.Percentile(LatenciesMs, 95);
}
