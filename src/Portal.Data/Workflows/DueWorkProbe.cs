using Microsoft.EntityFrameworkCore;
using Portal.Workflows.Telemetry;

namespace Portal.Data.Workflows;

/// <summary>How much workflow work is due and unclaimed, and how long the oldest of it has waited: the worker's backlog.</summary>
public sealed class DueWorkProbe(PortalDbContext db, TimeProvider clock)
{
    public async Task<WorkQueueSnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var due = db.WorkItems.AsNoTracking().Where(w => w.DueAt <= now && (w.ClaimExpiresAt == null || w.ClaimExpiresAt < now));
        var depth = await due.LongCountAsync(cancellationToken);
        if (depth == 0)
        {
            return new WorkQueueSnapshot(0, TimeSpan.Zero);
        }

        // Not Min(): SQLite cannot aggregate the DateTimeOffset column, but it orders it (the claim query does).
        var oldest = await due.OrderBy(w => w.DueAt).Select(w => w.DueAt).FirstAsync(cancellationToken);
        return new WorkQueueSnapshot(depth, now - oldest);
    }
}
