using System.Collections.Concurrent;

namespace Portal.Load;

/// <summary>Latencies of one kind of call, in milliseconds, kept only for calls that started after the warm-up.</summary>
public sealed class Latencies
{
    private readonly ConcurrentQueue<double> samples = new();

    public int Count => samples.Count;

    public void Add(double milliseconds) => samples.Enqueue(milliseconds);

    public double Percentile(double percent) => Portal.Bench.Stats.Percentile(samples, percent);
}
