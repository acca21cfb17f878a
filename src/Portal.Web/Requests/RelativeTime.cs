using System.Globalization;

namespace Portal.Web.Requests;

/// <summary>
/// Times as people say them: "just now", "5 minutes ago", "in 3 days", and the clock time with its zone
/// ("10:02 UTC", "3 Jun 10:02 UTC"). The server does not know the reader's time zone, so clock times say which one they use.
/// </summary>
public static class RelativeTime
{
    /// <summary>"just now", "a minute ago", "5 hours ago", "in 3 days", "on 2026-01-31" (beyond a month).</summary>
    public static string Describe(DateTimeOffset at, DateTimeOffset now)
    {
        var span = at - now;
        var future = span > TimeSpan.Zero;
        var length = span.Duration();
        if (length < TimeSpan.FromMinutes(1))
        {
            return future ? "in less than a minute" : "just now";
        }

        if (length >= TimeSpan.FromDays(31))
        {
            return $"on {at.ToUniversalTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
        }

        var amount = length switch
        {
            _ when length < TimeSpan.FromHours(1) => Count((int)length.TotalMinutes, "minute"),
            _ when length < TimeSpan.FromDays(1) => Count((int)length.TotalHours, "hour"),
            // To the nearest day: a three-day wait that started a minute ago still reads "in 3 days".
            _ => Count((int)Math.Round(length.TotalDays, MidpointRounding.AwayFromZero), "day"),
        };
        return future ? $"in {amount}" : $"{amount} ago";
    }

    /// <summary>"10:02 UTC" on the same day as <paramref name="now"/>, else "3 Jun 10:02 UTC" (with the year when it differs).</summary>
    public static string Clock(DateTimeOffset at, DateTimeOffset now)
    {
        var utc = at.ToUniversalTime();
        var today = now.ToUniversalTime();
        var format = utc.Date == today.Date ? "HH:mm" : utc.Year == today.Year ? "d MMM HH:mm" : "d MMM yyyy HH:mm";
        return $"{utc.ToString(format, CultureInfo.InvariantCulture)} UTC";
    }

    /// <summary>The full time, for tooltips: "2026-06-01 14:03 UTC".</summary>
    public static string Exact(DateTimeOffset at) =>
        $"{at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC";

    private static string Count(int n, string unit) => n == 1 ? (unit == "hour" ? "an hour" : $"a {unit}") : $"{n} {unit}s";
}
