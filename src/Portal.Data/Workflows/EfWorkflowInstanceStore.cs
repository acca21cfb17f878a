using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Workflows.Persistence;
using Portal.Workflows.Runtime;

namespace Portal.Data.Workflows;

/// <summary>
/// Instances and due work in the portal database. The database is the coordination engine: a claim and a
/// lease are conditional UPDATEs that only one node can win, and a commit is a conditional UPDATE on the
/// fence and revision it read, in one transaction with the work it consumed and caused. On PostgreSQL due
/// work is claimed with FOR UPDATE SKIP LOCKED, so nodes never queue behind each other's rows.
/// </summary>
public sealed class EfWorkflowInstanceStore(PortalDbContext db) : IWorkflowInstanceStore
{
    private static readonly JsonSerializerOptions StateJson = new(JsonSerializerDefaults.General);

    public async Task CreateAsync(WorkflowState state, IReadOnlyList<WorkItem> work, CancellationToken cancellationToken)
    {
        db.WorkflowInstances.Add(ToRecord(state));
        db.WorkItems.AddRange(work.Select(ToRecord));
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    public async Task EnqueueAsync(WorkItem work, CancellationToken cancellationToken)
    {
        db.WorkItems.Add(ToRecord(work));
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    public async Task<IReadOnlyList<WorkItem>> ClaimDueAsync(string node, DateTimeOffset now, TimeSpan claimFor, int max, CancellationToken cancellationToken)
    {
        var until = now + claimFor;
        List<Guid> claimed;
        if (db.Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL")
        {
            claimed = await db.Database.SqlQuery<Guid>($"""
                UPDATE "WorkflowWorkItems" SET "ClaimedBy" = {node}, "ClaimExpiresAt" = {until}
                WHERE "Id" IN (
                    SELECT "Id" FROM "WorkflowWorkItems"
                    WHERE "DueAt" <= {now} AND ("ClaimExpiresAt" IS NULL OR "ClaimExpiresAt" < {now})
                    ORDER BY "DueAt" LIMIT {max}
                    FOR UPDATE SKIP LOCKED)
                RETURNING "Id" AS "Value"
                """).ToListAsync(cancellationToken);
        }
        else
        {
            // Portable: each claim is a conditional UPDATE; of two nodes racing for a row, one updates it.
            var candidates = await db.WorkItems.AsNoTracking()
                .Where(w => w.DueAt <= now && (w.ClaimExpiresAt == null || w.ClaimExpiresAt < now))
                .OrderBy(w => w.DueAt).Take(max).Select(w => w.Id).ToListAsync(cancellationToken);
            claimed = [];
            foreach (var id in candidates)
            {
                var won = await db.WorkItems
                    .Where(w => w.Id == id && (w.ClaimExpiresAt == null || w.ClaimExpiresAt < now))
                    .ExecuteUpdateAsync(s => s.SetProperty(w => w.ClaimedBy, node).SetProperty(w => w.ClaimExpiresAt, until), cancellationToken);
                if (won == 1)
                {
                    claimed.Add(id);
                }
            }
        }

        var items = await db.WorkItems.AsNoTracking().Where(w => claimed.Contains(w.Id)).ToListAsync(cancellationToken);
        return items.OrderBy(w => w.DueAt).Select(w => new WorkItem(w.Id, w.InstanceId, w.Kind, w.DueAt, w.BookmarkId, w.PayloadJson)).ToList();
    }

    public async Task<InstanceLease?> AcquireLeaseAsync(string instanceId, string node, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken)
    {
        var expires = now + duration;
        var won = await db.WorkflowInstances
            .Where(i => i.Id == instanceId && (i.LeaseOwner == null || i.LeaseExpiresAt < now || i.LeaseOwner == node))
            .ExecuteUpdateAsync(s => s
                .SetProperty(i => i.LeaseOwner, node)
                .SetProperty(i => i.LeaseExpiresAt, expires)
                .SetProperty(i => i.Fence, i => i.Fence + 1), cancellationToken);
        if (won == 0)
        {
            return null;
        }

        var row = await db.WorkflowInstances.AsNoTracking()
            .Where(i => i.Id == instanceId)
            .Select(i => new { i.Fence, i.Revision, i.StateJson, i.LeaseOwner })
            .FirstAsync(cancellationToken);
        return row.LeaseOwner == node
            ? new InstanceLease(instanceId, node, row.Fence, row.Revision, expires, JsonSerializer.Deserialize<WorkflowState>(row.StateJson, StateJson)!)
            : null;
    }

    public async Task<bool> CommitAsync(
        InstanceLease lease, WorkflowState state, WorkItem? consumed, IReadOnlyList<WorkItem> added, IReadOnlyList<WorkflowState> created,
        CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(state, StateJson);
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var updated = await db.WorkflowInstances
                .Where(i => i.Id == lease.InstanceId && i.Fence == lease.Fence && i.Revision == lease.Revision && i.LeaseOwner == lease.Owner)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(i => i.StateJson, json)
                    .SetProperty(i => i.Status, state.Status)
                    .SetProperty(i => i.Revision, lease.Revision + 1)
                    .SetProperty(i => i.UpdatedAt, state.UpdatedAt)
                    .SetProperty(i => i.LeaseOwner, (string?)null)
                    .SetProperty(i => i.LeaseExpiresAt, (DateTimeOffset?)null), cancellationToken);
            if (updated == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                return false;
            }

            if (consumed is not null)
            {
                await db.WorkItems.Where(w => w.Id == consumed.Id).ExecuteDeleteAsync(cancellationToken);
            }

            await db.WorkflowBookmarks.Where(b => b.InstanceId == state.InstanceId).ExecuteDeleteAsync(cancellationToken);
            db.WorkflowBookmarks.AddRange(state.Bookmarks.Select(b => new BookmarkIndexRecord
            {
                BookmarkId = b.Id, InstanceId = state.InstanceId, Name = b.Name, CorrelationId = state.CorrelationId,
            }));
            db.WorkItems.AddRange(added.Select(ToRecord));
            db.WorkflowInstances.AddRange(created.Select(ToRecord));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return true;
        });
    }

    public async Task ReleaseClaimAsync(WorkItem work, DateTimeOffset retryAt, CancellationToken cancellationToken) =>
        await db.WorkItems.Where(w => w.Id == work.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.ClaimedBy, (string?)null).SetProperty(w => w.ClaimExpiresAt, (DateTimeOffset?)null).SetProperty(w => w.DueAt, retryAt), cancellationToken);

    public async Task<WorkflowState?> FindAsync(string instanceId, CancellationToken cancellationToken)
    {
        var json = await db.WorkflowInstances.AsNoTracking().Where(i => i.Id == instanceId).Select(i => i.StateJson).FirstOrDefaultAsync(cancellationToken);
        return json is null ? null : JsonSerializer.Deserialize<WorkflowState>(json, StateJson);
    }

    public async Task<(string InstanceId, string BookmarkId)?> FindBookmarkAsync(string name, string correlationId, CancellationToken cancellationToken)
    {
        var found = await db.WorkflowBookmarks.AsNoTracking()
            .Where(b => b.Name == name && b.CorrelationId == correlationId)
            .Select(b => new { b.InstanceId, b.BookmarkId })
            .FirstOrDefaultAsync(cancellationToken);
        return found is null ? null : (found.InstanceId, found.BookmarkId);
    }

    public async Task<IReadOnlyList<InstanceSummary>> ListAsync(
        WorkflowStatus? status, string? definitionId, string? correlationId, int max, CancellationToken cancellationToken)
    {
        var query = db.WorkflowInstances.AsNoTracking();
        if (status is { } s)
        {
            query = query.Where(i => i.Status == s);
        }

        if (!string.IsNullOrEmpty(definitionId))
        {
            query = query.Where(i => i.DefinitionId == definitionId);
        }

        if (!string.IsNullOrEmpty(correlationId))
        {
            query = query.Where(i => i.CorrelationId == correlationId);
        }

        return await query.OrderByDescending(i => i.UpdatedAt).Take(Math.Clamp(max, 1, 500))
            .Select(i => new InstanceSummary(i.Id, i.DefinitionId, i.DefinitionVersion, i.Status, i.CorrelationId, i.CreatedAt, i.UpdatedAt))
            .ToListAsync(cancellationToken);
    }

    private static WorkflowInstanceRecord ToRecord(WorkflowState state) => new()
    {
        Id = state.InstanceId,
        DefinitionId = state.DefinitionId,
        DefinitionVersion = state.DefinitionVersion,
        Status = state.Status,
        CorrelationId = state.CorrelationId,
        StateJson = JsonSerializer.Serialize(state, StateJson),
        CreatedAt = state.CreatedAt,
        UpdatedAt = state.UpdatedAt,
    };

    private static WorkItemRecord ToRecord(WorkItem work) => new()
    {
        Id = work.Id, InstanceId = work.InstanceId, Kind = work.Kind, BookmarkId = work.BookmarkId, PayloadJson = work.PayloadJson, DueAt = work.DueAt,
    };
}
