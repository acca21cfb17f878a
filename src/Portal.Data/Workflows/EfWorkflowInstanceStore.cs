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

    public async Task<IReadOnlyList<ClaimedInstance>> ClaimAsync(
        string node, DateTimeOffset now, TimeSpan claimFor, TimeSpan leaseFor, DateTimeOffset busyRetryAt, int max, CancellationToken cancellationToken)
    {
        // A token per batch, so this batch's rows are told apart from any other claim, even this node's.
        var token = $"{node}#{Guid.NewGuid():N}";
        var claimUntil = now + claimFor;
        var leaseUntil = now + leaseFor;
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (db.Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL")
            {
                await db.Database.ExecuteSqlAsync($"""
                    UPDATE "WorkflowWorkItems" SET "ClaimedBy" = {token}, "ClaimExpiresAt" = {claimUntil}
                    WHERE "Id" IN (
                        SELECT "Id" FROM "WorkflowWorkItems"
                        WHERE "DueAt" <= {now} AND ("ClaimExpiresAt" IS NULL OR "ClaimExpiresAt" < {now})
                        ORDER BY "DueAt" LIMIT {max}
                        FOR UPDATE SKIP LOCKED)
                    """, cancellationToken);
            }
            else
            {
                // One statement: UPDATE … WHERE Id IN (SELECT … LIMIT n). SQLite has a single writer, so no row is
                // claimed twice; on SQL Server the statement's own locks do the same.
                var due = db.WorkItems
                    .Where(w => w.DueAt <= now && (w.ClaimExpiresAt == null || w.ClaimExpiresAt < now))
                    .OrderBy(w => w.DueAt).Take(max).Select(w => w.Id);
                await db.WorkItems.Where(w => due.Contains(w.Id))
                    .ExecuteUpdateAsync(u => u.SetProperty(w => w.ClaimedBy, token).SetProperty(w => w.ClaimExpiresAt, claimUntil), cancellationToken);
            }

            var items = await db.WorkItems.AsNoTracking().Where(w => w.ClaimedBy == token).ToListAsync(cancellationToken);
            var claimed = new List<ClaimedInstance>();
            var busy = new List<string>();
            foreach (var group in items.GroupBy(w => w.InstanceId))
            {
                if (await TryLeaseAsync(group.Key, token, now, leaseUntil, cancellationToken) is not { } lease)
                {
                    busy.Add(group.Key);
                    continue;
                }

                claimed.Add(new ClaimedInstance(lease, group.OrderBy(w => w.DueAt).Select(ToWorkItem).ToList()));
            }

            if (busy.Count > 0)
            {
                // Another node is in the middle of a step of these instances: offer their work again shortly.
                await db.WorkItems.Where(w => w.ClaimedBy == token && busy.Contains(w.InstanceId))
                    .ExecuteUpdateAsync(u => u
                        .SetProperty(w => w.ClaimedBy, (string?)null)
                        .SetProperty(w => w.ClaimExpiresAt, (DateTimeOffset?)null)
                        .SetProperty(w => w.DueAt, busyRetryAt), cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return (IReadOnlyList<ClaimedInstance>)claimed;
        });
    }

    public Task<InstanceLease?> AcquireLeaseAsync(string instanceId, string node, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken) =>
        // The owner names this one operation, not just the node: an admin's action and the worker on the same
        // node must not both think they hold the instance.
        TryLeaseAsync(instanceId, $"{node}#{Guid.NewGuid():N}", now, now + duration, cancellationToken);

    /// <summary>Takes the instance's lease for <paramref name="owner"/> when it is free or expired (fence bumped); null otherwise.</summary>
    private async Task<InstanceLease?> TryLeaseAsync(string instanceId, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var won = await db.WorkflowInstances
            .Where(i => i.Id == instanceId && (i.LeaseOwner == null || i.LeaseExpiresAt < now))
            .ExecuteUpdateAsync(s => s
                .SetProperty(i => i.LeaseOwner, owner)
                .SetProperty(i => i.LeaseExpiresAt, until)
                .SetProperty(i => i.Fence, i => i.Fence + 1), cancellationToken);
        if (won == 0)
        {
            return null;
        }

        var row = await db.WorkflowInstances.AsNoTracking()
            .Where(i => i.Id == instanceId)
            .Select(i => new { i.Fence, i.Revision, i.StateJson, i.LeaseOwner })
            .FirstAsync(cancellationToken);
        return row.LeaseOwner == owner
            ? new InstanceLease(instanceId, owner, row.Fence, row.Revision, until, JsonSerializer.Deserialize<WorkflowState>(row.StateJson, StateJson)!)
            : null;
    }

    public async Task<IReadOnlyList<string>> CommitAsync(IReadOnlyList<StepCommit> steps, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            var leftOut = new List<string>();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            foreach (var step in steps)
            {
                var (lease, state) = (step.Lease, step.State);
                var json = JsonSerializer.Serialize(state, StateJson);
                var updated = await db.WorkflowInstances
                    .Where(i => i.Id == lease.InstanceId && i.Fence == lease.Fence && i.Revision == lease.Revision && i.LeaseOwner == lease.Owner)
                    .ExecuteUpdateAsync(u => u
                        .SetProperty(i => i.StateJson, json)
                        .SetProperty(i => i.Status, state.Status)
                        .SetProperty(i => i.Revision, lease.Revision + 1)
                        .SetProperty(i => i.UpdatedAt, state.UpdatedAt)
                        .SetProperty(i => i.LeaseOwner, (string?)null)
                        .SetProperty(i => i.LeaseExpiresAt, (DateTimeOffset?)null), cancellationToken);
                if (updated == 0)
                {
                    leftOut.Add(lease.InstanceId);
                    continue;
                }

                var consumed = step.Consumed.Select(w => w.Id).ToList();
                if (consumed.Count > 0)
                {
                    await db.WorkItems.Where(w => consumed.Contains(w.Id)).ExecuteDeleteAsync(cancellationToken);
                }

                var released = step.Released.Select(w => w.Id).ToList();
                if (released.Count > 0)
                {
                    await db.WorkItems.Where(w => released.Contains(w.Id))
                        .ExecuteUpdateAsync(u => u.SetProperty(w => w.ClaimedBy, (string?)null).SetProperty(w => w.ClaimExpiresAt, (DateTimeOffset?)null), cancellationToken);
                }

                await db.WorkflowBookmarks.Where(b => b.InstanceId == state.InstanceId).ExecuteDeleteAsync(cancellationToken);
                db.WorkflowBookmarks.AddRange(state.Bookmarks.Select(b => new BookmarkIndexRecord
                {
                    BookmarkId = b.Id, InstanceId = state.InstanceId, Name = b.Name, CorrelationId = state.CorrelationId,
                }));
                db.WorkItems.AddRange(step.Added.Select(ToRecord));
                db.WorkflowInstances.AddRange(step.Created.Select(ToRecord));
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return (IReadOnlyList<string>)leftOut;
        });
    }

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

    private static WorkItem ToWorkItem(WorkItemRecord w) => new(w.Id, w.InstanceId, w.Kind, w.DueAt, w.BookmarkId, w.PayloadJson);

    private static WorkItemRecord ToRecord(WorkItem work) => new()
    {
        Id = work.Id, InstanceId = work.InstanceId, Kind = work.Kind, BookmarkId = work.BookmarkId, PayloadJson = work.PayloadJson, DueAt = work.DueAt,
    };
}
