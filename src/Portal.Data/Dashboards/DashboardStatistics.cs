using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Data.Deployments;
using Portal.Data.Library;
using Portal.Data.Requests;
using Portal.Domain.Deployments;

namespace Portal.Data.Dashboards;

/// <summary>
/// The figures the admins' dashboard charts, read from the portal database over a window of time, so a chart costs
/// one bounded query however old the installation is.
/// </summary>
public sealed class DashboardStatistics(PortalDbContext db)
{
    /// <summary>The most deployments a median is taken over: the newest ones.</summary>
    public const int MaxSamples = 2000;

    /// <summary>The requests submitted since <paramref name="from"/>, by UTC day and the status they stand at now.</summary>
    public async Task<IReadOnlyList<RequestsOnDay>> RequestsByDayAsync(DateTimeOffset from, CancellationToken cancellationToken)
    {
        var utc = from.ToUniversalTime();
        var rows = await db.Set<RequestRecord>().AsNoTracking()
            .Where(r => r.CreatedAt >= utc)
            .Select(r => new { r.CreatedAt, r.Status })
            .ToListAsync(cancellationToken);
        return rows
            .GroupBy(r => (Day: DateOnly.FromDateTime(r.CreatedAt.UtcDateTime), r.Status))
            .Select(g => new RequestsOnDay(g.Key.Day, g.Key.Status, g.Count()))
            .OrderBy(r => r.Day).ThenBy(r => r.Status)
            .ToList();
    }

    /// <summary>
    /// For the requested servers that came up since <paramref name="from"/> (newest <see cref="MaxSamples"/>): how long
    /// each took from the request's submission — which is when its deployment was recorded — to its last step done.
    /// </summary>
    public async Task<IReadOnlyList<TimeSpan>> TimesToRunningAsync(DateTimeOffset from, CancellationToken cancellationToken)
    {
        var utc = from.ToUniversalTime();
        var documents = await db.Set<DeploymentRecord>().AsNoTracking()
            .Where(d => d.RequestId != null && d.Status == DeploymentStatus.Completed && d.CreatedAt >= utc)
            .OrderByDescending(d => d.CreatedAt)
            .Take(MaxSamples)
            .Select(d => d.Document)
            .ToListAsync(cancellationToken);
        var times = new List<TimeSpan>(documents.Count);
        foreach (var document in documents)
        {
            var deployment = JsonSerializer.Deserialize<Deployment>(document, LibraryJson.Options);
            if (deployment?.Steps.Select(s => s.FinishedAt).Max() is { } done && done >= deployment.CreatedAt)
            {
                times.Add(done - deployment.CreatedAt);
            }
        }

        return times;
    }
}
