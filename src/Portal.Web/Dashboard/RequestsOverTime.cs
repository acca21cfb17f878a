using System.Globalization;
using Portal.Data.Dashboards;
using Portal.Domain.Requests;

namespace Portal.Web.Dashboard;

/// <summary>
/// Requests submitted per day over a window, stacked by the status each stands at now: one label per day (days
/// without requests included, so the axis is time), one series per status that occurs.
/// </summary>
public sealed record RequestsOverTime(IReadOnlyList<string> Labels, IReadOnlyList<StatusSeries> Series, int Total)
{
    public bool IsEmpty => Total == 0;

    public static RequestsOverTime Of(IReadOnlyList<RequestsOnDay> rows, DateOnly first, DateOnly last)
    {
        var days = new List<DateOnly>();
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            days.Add(day);
        }

        var series = rows.Select(r => r.Status).Distinct().Order()
            .Select(status => new StatusSeries(status, days.Select(day => rows.Where(r => r.Day == day && r.Status == status).Sum(r => r.Count)).ToList()))
            .ToList();
        return new RequestsOverTime(
            days.Select(d => d.ToString("MMM dd", CultureInfo.InvariantCulture)).ToList(), series, rows.Sum(r => r.Count));
    }
}

/// <summary>How many requests of the window's days stand at one status.</summary>
public sealed record StatusSeries(RequestStatus Status, IReadOnlyList<int> PerDay);
