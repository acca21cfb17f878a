using System.Diagnostics;

namespace Portal.Bench.Profiling;

/// <summary>Time and calls accumulated per named section (a store method, a kind of SQL command).</summary>
public sealed class Sections
{
    private readonly Dictionary<string, (long Calls, long Ticks)> totals = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    public void Add(string section, TimeSpan elapsed)
    {
        lock (gate)
        {
            var (calls, ticks) = totals.GetValueOrDefault(section);
            totals[section] = (calls + 1, ticks + elapsed.Ticks);
        }
    }

    /// <summary>Forgets everything so far (the warm-up).</summary>
    public void Clear()
    {
        lock (gate)
        {
            totals.Clear();
        }
    }

    public IReadOnlyList<(string Section, long Calls, TimeSpan Total)> Snapshot()
    {
        lock (gate)
        {
            return totals.OrderByDescending(t => t.Value.Ticks).Select(t => (t.Key, t.Value.Calls, TimeSpan.FromTicks(t.Value.Ticks))).ToList();
        }
    }

    /// <summary>Times <paramref name="run"/> under <paramref name="section"/>.</summary>
    public async Task<T> TimeAsync<T>(string section, Func<Task<T>> run)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await run();
        }
        finally
        {
            Add(section, Stopwatch.GetElapsedTime(started));
        }
    }
}
