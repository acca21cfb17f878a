using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Portal.Workflows.Persistence;
using Portal.Workflows.Runtime;

namespace Portal.Data.Workflows;

/// <summary>
/// Instances and due work in the portal database. The database is the coordination engine: a claim and a
/// lease are conditional UPDATEs that only one node can win, and a commit is a conditional UPDATE on the
/// fence and revision it read, in one transaction with the work it consumed and caused. Due work is claimed
/// with FOR UPDATE SKIP LOCKED on PostgreSQL and UPDLOCK + READPAST on SQL Server, so nodes never queue behind
/// each other's rows; SQLite has one writer.
/// A DbContext takes one operation at a time, and a node's worker runs several steps at once over one store (their
/// heartbeats and commits): the store lets its callers in one by one.
/// </summary>
public sealed class EfWorkflowInstanceStore(PortalDbContext db) : IWorkflowInstanceStore
{
    private static readonly JsonSerializerOptions StateJson = new(JsonSerializerDefaults.General);
    private readonly SemaphoreSlim gate = ContextGate.For(db);

    public async Task EnqueueAsync(WorkItem work, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            db.WorkItems.Add(ToRecord(work));
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            db.ChangeTracker.Clear();
            gate.Release();
        }
    }

    public async Task<LeaseRenewal> RenewAsync(InstanceLease lease, DateTimeOffset leaseUntil, DateTimeOffset claimUntil, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            var held = await db.WorkflowInstances
                .Where(i => i.Id == lease.InstanceId && i.Fence == lease.Fence && i.LeaseOwner == lease.Owner)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.LeaseExpiresAt, leaseUntil), cancellationToken);
            if (held == 0)
            {
                return new LeaseRenewal(false, false);
            }

            await db.WorkItems.Where(w => w.InstanceId == lease.InstanceId && w.ClaimedBy == lease.Owner)
                .ExecuteUpdateAsync(s => s.SetProperty(w => w.ClaimExpiresAt, claimUntil), cancellationToken);
            var cancel = await db.WorkItems.AnyAsync(
                w => w.InstanceId == lease.InstanceId && w.Kind == WorkKind.Cancel && (w.ClaimedBy == null || w.ClaimedBy != lease.Owner), cancellationToken);
            return new LeaseRenewal(true, cancel);
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task<IReadOnlyList<ClaimedInstance>> ClaimAsync(
        string node, DateTimeOffset now, TimeSpan claimFor, TimeSpan leaseFor, DateTimeOffset busyRetryAt, int max, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await ClaimCoreAsync(node, now, claimFor, leaseFor, busyRetryAt, max, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<IReadOnlyList<ClaimedInstance>> ClaimCoreAsync(
        string node, DateTimeOffset now, TimeSpan claimFor, TimeSpan leaseFor, DateTimeOffset busyRetryAt, int max, CancellationToken cancellationToken)
    {
        // A token per batch, so this batch's rows are told apart from any other claim, even this node's. A due cancel
        // is claimed before anything else, so that it runs before the continuation of the step it interrupted.
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
                        ORDER BY CASE WHEN "Kind" = 'Cancel' THEN 0 ELSE 1 END, "DueAt" LIMIT {max}
                        FOR UPDATE SKIP LOCKED)
                    """, cancellationToken);
            }
            else if (db.Database.ProviderName == "Microsoft.EntityFrameworkCore.SqlServer")
            {
                // SQL Server's queue idiom: rows another node has locked are skipped (READPAST), the ones taken are
                // update-locked until this transaction ends (UPDLOCK), row by row (ROWLOCK). Not run here: no SQL
                // Server is available to the test suite (see src/Portal.Data/README.md).
                await db.Database.ExecuteSqlAsync($"""
                    WITH [due] AS (
                        SELECT TOP ({max}) [ClaimedBy], [ClaimExpiresAt] FROM [WorkflowWorkItems] WITH (UPDLOCK, READPAST, ROWLOCK)
                        WHERE [DueAt] <= {now} AND ([ClaimExpiresAt] IS NULL OR [ClaimExpiresAt] < {now})
                        ORDER BY CASE WHEN [Kind] = 'Cancel' THEN 0 ELSE 1 END, [DueAt])
                    UPDATE [due] SET [ClaimedBy] = {token}, [ClaimExpiresAt] = {claimUntil};
                    """, cancellationToken);
            }
            else
            {
                // One statement: UPDATE … WHERE Id IN (SELECT … LIMIT n). SQLite has a single writer, so no row is
                // claimed twice.
                var due = db.WorkItems
                    .Where(w => w.DueAt <= now && (w.ClaimExpiresAt == null || w.ClaimExpiresAt < now))
                    .OrderBy(w => w.Kind == WorkKind.Cancel ? 0 : 1).ThenBy(w => w.DueAt).Take(max).Select(w => w.Id);
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

    public async Task<InstanceLease?> AcquireLeaseAsync(string instanceId, string node, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            // The owner names this one operation, not just the node: an admin's action and the worker on the same
            // node must not both think they hold the instance.
            return await TryLeaseAsync(instanceId, $"{node}#{Guid.NewGuid():N}", now, now + duration, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

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
        var outcomes = await WriteAsync(steps.Select(s => (InstanceWrite)new InstanceWrite.Commit(s)).ToList(), cancellationToken);
        return steps.Where((_, k) => !outcomes[k].Applied).Select(s => s.Lease.InstanceId).ToList();
    }

    public async Task<IReadOnlyList<WriteOutcome>> WriteAsync(IReadOnlyList<InstanceWrite> writes, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await WriteCoreAsync(writes, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<IReadOnlyList<WriteOutcome>> WriteCoreAsync(IReadOnlyList<InstanceWrite> writes, CancellationToken cancellationToken)
    {
        var sql = WorkflowSql.For(db);

        // Serialised before the transaction, so that it holds the database's write lock as briefly as it can.
        var json = new Dictionary<WorkflowState, string>(ReferenceEqualityComparer.Instance);
        foreach (var state in writes.SelectMany(States))
        {
            json[state] = JsonSerializer.Serialize(state, StateJson);
        }

        var strategy = db.Database.CreateExecutionStrategy();
        var (outcomes, leased) = await strategy.ExecuteAsync(async () =>
        {
            var outcomes = new WriteOutcome[writes.Count];
            var leased = new List<(int Index, long Fence, long Revision, string Json)>();
            var latest = new Dictionary<string, int?>(StringComparer.Ordinal);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await using (var session = new SqlSession(db.Database.GetDbConnection(), transaction.GetDbTransaction()))
            {
                for (var k = 0; k < writes.Count; k++)
                {
                    switch (writes[k])
                    {
                        case InstanceWrite.Create create:
                            if (create.Latest is { } expected && !await IsLatestAsync(session, sql, expected, latest))
                            {
                                outcomes[k] = WriteOutcome.Queued;
                                break;
                            }

                            foreach (var state in create.Instances)
                            {
                                await InsertAsync(session, sql, state, json[state]);
                            }

                            await InsertAsync(session, sql, create.Work);
                            outcomes[k] = WriteOutcome.Done;
                            break;
                        case InstanceWrite.LeaseAtRest lease:
                            var row = await LeaseAtRestAsync(session, sql, lease);
                            if (row is { } read)
                            {
                                leased.Add((k, read.Fence, read.Revision, read.Json));
                            }
                            else
                            {
                                await InsertAsync(session, sql, [lease.Otherwise]);
                                outcomes[k] = WriteOutcome.Queued;
                            }

                            break;
                        case InstanceWrite.Commit commit:
                            outcomes[k] = await CommitStepAsync(session, sql, commit.Step, json) ? WriteOutcome.Done : WriteOutcome.Queued;
                            if (!outcomes[k].Applied && commit.Otherwise is { } otherwise)
                            {
                                await InsertAsync(session, sql, [otherwise]);
                            }

                            break;
                        case InstanceWrite.Release release:
                            var released = await session.ExecuteAsync(sql.Release, release.Lease.InstanceId, release.Lease.Fence, release.Lease.Owner);
                            if (release.Then is { } then)
                            {
                                await InsertAsync(session, sql, [then]);
                            }

                            outcomes[k] = released == 1 ? WriteOutcome.Done : WriteOutcome.Queued;
                            break;
                        case InstanceWrite.GiveBack giveBack:
                            var givenBack = await session.ExecuteAsync(sql.Release, giveBack.Lease.InstanceId, giveBack.Lease.Fence, giveBack.Lease.Owner);
                            foreach (var item in giveBack.Items)
                            {
                                await session.ExecuteAsync(sql.GiveBackWork, giveBack.DueAt, item.Id, giveBack.Lease.Owner);
                            }

                            outcomes[k] = givenBack == 1 ? WriteOutcome.Done : WriteOutcome.Queued;
                            break;
                        default:
                            throw new ArgumentException($"Unknown write {writes[k].GetType().Name}.", nameof(writes));
                    }
                }
            }

            await transaction.CommitAsync(cancellationToken);
            return (outcomes, leased);
        });

        // Read inside the transaction, materialised outside it.
        foreach (var (index, fence, revision, stateJson) in leased)
        {
            var lease = (InstanceWrite.LeaseAtRest)writes[index];
            outcomes[index] = new WriteOutcome(true, new InstanceLease(
                lease.InstanceId, lease.Owner, fence, revision, lease.Until, JsonSerializer.Deserialize<WorkflowState>(stateJson, StateJson)!));
        }

        return outcomes;
    }

    private static IEnumerable<WorkflowState> States(InstanceWrite write) => write switch
    {
        InstanceWrite.Create create => create.Instances,
        InstanceWrite.Commit commit => [commit.Step.State, .. commit.Step.Created],
        _ => [],
    };

    /// <summary>Whether the version is still the latest published one of its definition; read once per definition and batch.</summary>
    private static async Task<bool> IsLatestAsync(SqlSession session, WorkflowSql sql, (string DefinitionId, int Version) expected, Dictionary<string, int?> latest)
    {
        if (!latest.TryGetValue(expected.DefinitionId, out var version))
        {
            var value = await session.ScalarAsync(sql.LatestVersion, expected.DefinitionId, true);
            latest[expected.DefinitionId] = version = value is null or DBNull ? null : Convert.ToInt32(value, CultureInfo.InvariantCulture);
        }

        return version == expected.Version;
    }

    private static async Task<(long Fence, long Revision, string Json)?> LeaseAtRestAsync(SqlSession session, WorkflowSql sql, InstanceWrite.LeaseAtRest lease)
    {
        if (await session.ExecuteAsync(sql.LeaseAtRest, lease.Owner, lease.Until, lease.InstanceId, WorkflowStatus.Suspended, lease.Now, WorkKind.Timer, lease.Now) == 0)
        {
            return null;
        }

        await using var reader = await session.ReadAsync(sql.ReadLeased, lease.InstanceId);
        return await reader.ReadAsync() ? (reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2)) : null;
    }

    private static async Task<bool> CommitStepAsync(SqlSession session, WorkflowSql sql, StepCommit step, Dictionary<WorkflowState, string> json)
    {
        var (lease, state) = (step.Lease, step.State);
        var updated = await session.ExecuteAsync(sql.CommitState,
            json[state], state.Status, lease.Revision + 1, state.UpdatedAt, lease.InstanceId, lease.Fence, lease.Revision, lease.Owner);
        if (updated == 0)
        {
            return false;
        }

        foreach (var consumed in step.Consumed)
        {
            await session.ExecuteAsync(sql.DeleteWork, consumed.Id);
        }

        foreach (var released in step.Released)
        {
            await session.ExecuteAsync(sql.UnclaimWork, released.Id);
        }

        if (step.DropAllWork)
        {
            await session.ExecuteAsync(sql.DeleteInstanceWork, state.InstanceId);
        }
        else
        {
            foreach (var bookmark in step.DroppedTimers)
            {
                await session.ExecuteAsync(sql.DeleteTimers, state.InstanceId, WorkKind.Timer, bookmark);
            }
        }

        await session.ExecuteAsync(sql.DeleteBookmarks, state.InstanceId);
        await InsertBookmarksAsync(session, sql, state);
        await InsertAsync(session, sql, step.Added);
        foreach (var created in step.Created)
        {
            await InsertAsync(session, sql, created, json[created]);
        }

        return true;
    }

    private static async Task InsertAsync(SqlSession session, WorkflowSql sql, WorkflowState state, string stateJson)
    {
        await session.ExecuteAsync(sql.InsertInstance,
            state.InstanceId, state.DefinitionId, state.DefinitionVersion, state.Status, state.CorrelationId, stateJson, 0L, 0L, state.CreatedAt, state.UpdatedAt);
        await InsertBookmarksAsync(session, sql, state);
    }

    private static async Task InsertBookmarksAsync(SqlSession session, WorkflowSql sql, WorkflowState state)
    {
        foreach (var bookmark in state.Bookmarks)
        {
            await session.ExecuteAsync(sql.InsertBookmark, bookmark.Id, state.InstanceId, bookmark.Name, state.CorrelationId);
        }
    }

    private static async Task InsertAsync(SqlSession session, WorkflowSql sql, IEnumerable<WorkItem> work)
    {
        foreach (var item in work)
        {
            await session.ExecuteAsync(sql.InsertWork, item.Id, item.InstanceId, item.Kind, item.BookmarkId, item.PayloadJson, item.DueAt);
        }
    }

    public Task<WorkflowState?> FindAsync(string instanceId, CancellationToken cancellationToken) => OneAtATimeAsync(async () =>
    {
        var json = await db.WorkflowInstances.AsNoTracking().Where(i => i.Id == instanceId).Select(i => i.StateJson).FirstOrDefaultAsync(cancellationToken);
        return json is null ? null : JsonSerializer.Deserialize<WorkflowState>(json, StateJson);
    }, cancellationToken);

    public Task<(string InstanceId, string BookmarkId)?> FindBookmarkAsync(string name, string correlationId, CancellationToken cancellationToken) => OneAtATimeAsync(async () =>
    {
        var found = await db.WorkflowBookmarks.AsNoTracking()
            .Where(b => b.Name == name && b.CorrelationId == correlationId)
            .Select(b => new { b.InstanceId, b.BookmarkId })
            .FirstOrDefaultAsync(cancellationToken);
        return found is null ? ((string, string)?)null : (found.InstanceId, found.BookmarkId);
    }, cancellationToken);

    public Task<IReadOnlyList<WorkflowState>> WaitingAsync(string bookmarkName, int max, CancellationToken cancellationToken) => OneAtATimeAsync(async () =>
    {
        var waiting = db.WorkflowBookmarks.AsNoTracking().Where(b => b.Name == bookmarkName).Select(b => b.InstanceId);
        var states = await db.WorkflowInstances.AsNoTracking()
            .Where(i => waiting.Contains(i.Id))
            .OrderBy(i => i.CreatedAt).Take(Math.Clamp(max, 1, 5000))
            .Select(i => i.StateJson)
            .ToListAsync(cancellationToken);
        return (IReadOnlyList<WorkflowState>)states.Select(json => JsonSerializer.Deserialize<WorkflowState>(json, StateJson)!).ToList();
    }, cancellationToken);

    public Task<string?> FindByBookmarkAsync(string bookmarkId, CancellationToken cancellationToken) => OneAtATimeAsync(() =>
        db.WorkflowBookmarks.AsNoTracking().Where(b => b.BookmarkId == bookmarkId).Select(b => b.InstanceId).FirstOrDefaultAsync(cancellationToken), cancellationToken);

    public Task<IReadOnlyList<WorkflowState>> CorrelatedAsync(string correlationId, int max, CancellationToken cancellationToken) => OneAtATimeAsync(async () =>
    {
        var states = await db.WorkflowInstances.AsNoTracking()
            .Where(i => i.CorrelationId == correlationId)
            .OrderBy(i => i.CreatedAt).Take(Math.Clamp(max, 1, 500))
            .Select(i => i.StateJson)
            .ToListAsync(cancellationToken);
        return (IReadOnlyList<WorkflowState>)states.Select(json => JsonSerializer.Deserialize<WorkflowState>(json, StateJson)!).ToList();
    }, cancellationToken);

    public Task<IReadOnlyList<InstanceSummary>> ListAsync(
        WorkflowStatus? status, string? definitionId, string? correlationId, int max, CancellationToken cancellationToken) =>
        OneAtATimeAsync(() => ListCoreAsync(status, definitionId, correlationId, max, cancellationToken), cancellationToken);

    private async Task<IReadOnlyList<InstanceSummary>> ListCoreAsync(
        WorkflowStatus? status, string? definitionId, string? correlationId, int max, CancellationToken cancellationToken)
    {
        var query = db.WorkflowInstances.AsNoTracking().Filtered(status, definitionId, correlationId);

        return await query.OrderByDescending(i => i.UpdatedAt).Take(Math.Clamp(max, 1, 500))
            .Select(i => new InstanceSummary(i.Id, i.DefinitionId, i.DefinitionVersion, i.Status, i.CorrelationId, i.CreatedAt, i.UpdatedAt))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Lets one caller at a time use the context (see the class summary).</summary>
    private async Task<T> OneAtATimeAsync<T>(Func<Task<T>> operation, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await operation();
        }
        finally
        {
            gate.Release();
        }
    }

    private static WorkItem ToWorkItem(WorkItemRecord w) => new(w.Id, w.InstanceId, w.Kind, w.DueAt, w.BookmarkId, w.PayloadJson);

    private static WorkItemRecord ToRecord(WorkItem work) => new()
    {
        Id = work.Id, InstanceId = work.InstanceId, Kind = work.Kind, BookmarkId = work.BookmarkId, PayloadJson = work.PayloadJson, DueAt = work.DueAt,
    };
}
