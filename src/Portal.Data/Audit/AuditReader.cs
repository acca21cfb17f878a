using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Audit;

namespace Portal.Data.Audit;

/// <summary>Reads the audit log for admins: filtered and paged in the database, newest first.</summary>
public sealed class AuditReader(PortalDbContext db)
{
    public async Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        var page = Math.Max(1, query.Page);
        var size = Math.Clamp(query.PageSize, 1, AuditQuery.MaxPageSize);
        var filtered = Filter(query);
        var total = await filtered.CountAsync(cancellationToken);
        var records = await Newest(filtered).Skip((page - 1) * size).Take(size).ToListAsync(cancellationToken);
        return new AuditPage(records.Select(r => r.ToEvent()).ToList(), total, page, size);
    }

    /// <summary>Every record the filter matches, newest first, read as it is written out (paging is ignored).</summary>
    public async IAsyncEnumerable<AuditEvent> StreamAsync(AuditQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var record in Newest(Filter(query)).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return record.ToEvent();
        }
    }

    private IQueryable<AuditEventRecord> Filter(AuditQuery query)
    {
        var events = db.Set<AuditEventRecord>().AsNoTracking();
        if (query.From is { } from)
        {
            var utc = from.ToUniversalTime();
            events = events.Where(e => e.At >= utc);
        }

        if (query.To is { } to)
        {
            var utc = to.ToUniversalTime();
            events = events.Where(e => e.At < utc);
        }

        if (query.Action is { } action)
        {
            events = events.Where(e => e.Action == action);
        }

        if (!string.IsNullOrWhiteSpace(query.Actor))
        {
            var exact = query.Actor.Trim();
            var term = exact.ToLowerInvariant();
            events = events.Where(e => e.ActorUserId == exact
                || e.ActorName.ToLower().Contains(term)
                || (e.ActorDisplayName != null && e.ActorDisplayName.ToLower().Contains(term)));
        }

        return events;
    }

    // The id breaks ties between records of the same instant, so pages never overlap or skip.
    private static IQueryable<AuditEventRecord> Newest(IQueryable<AuditEventRecord> events) =>
        events.OrderByDescending(e => e.At).ThenByDescending(e => e.Id);
}
