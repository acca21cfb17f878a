namespace Portal.Web.Dashboard;

/// <summary>Order statistics of a set of durations, as the dashboard reports them.</summary>
public static class Durations
{
    /// <summary>
    /// The value below which <paramref name="fraction"/> of the durations fall, interpolated between the two nearest
    /// ranks (so the median of an even count is the mean of the middle two); null for none.
    /// </summary>
    public static TimeSpan? Percentile(IReadOnlyCollection<TimeSpan> durations, double fraction)
    {
        if (durations.Count == 0)
        {
            return null;
        }

        var sorted = durations.OrderBy(d => d).ToArray();
        var rank = Math.Clamp(fraction, 0, 1) * (sorted.Length - 1);
        var below = (int)Math.Floor(rank);
        var above = (int)Math.Ceiling(rank);
        return sorted[below] + ((sorted[above] - sorted[below]) * (rank - below));
    }

    /// <summary>"2 h 05 min", "4 min 10 s", "12 s": what a person reads at a glance.</summary>
    public static string InWords(TimeSpan duration) => duration switch
    {
        { TotalDays: >= 1 } => $"{(int)duration.TotalDays} d {duration.Hours} h",
        { TotalHours: >= 1 } => $"{(int)duration.TotalHours} h {duration.Minutes:00} min",
        { TotalMinutes: >= 1 } => $"{(int)duration.TotalMinutes} min {duration.Seconds:00} s",
        _ => $"{Math.Max(0, (int)Math.Round(duration.TotalSeconds))} s",
    };
}
