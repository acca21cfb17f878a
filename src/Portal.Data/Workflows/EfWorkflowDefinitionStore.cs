using System.Data;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Portal.Workflows.Definitions;
using Portal.Workflows.Persistence;
using Portal.Workflows.Runtime;

namespace Portal.Data.Workflows;

/// <summary>
/// Workflow definitions in the portal database, as their public JSON. Draft changes are conditional statements on the
/// draft's revision (or, for a new draft, on its key), so of two concurrent saves exactly one is written, on every
/// provider and from any node. Safe for concurrent callers (a worker's steps look definitions up at once): they use the
/// context one at a time, through the gate the instance store shares.
/// </summary>
public sealed class EfWorkflowDefinitionStore(PortalDbContext db) : IWorkflowDefinitionStore
{
    private readonly SemaphoreSlim gate = ContextGate.For(db);

    public Task<IReadOnlyList<DefinitionSummary>> ListAsync(CancellationToken cancellationToken) =>
        OneAtATimeAsync(() => ListCoreAsync(cancellationToken), cancellationToken);

    public Task<IReadOnlyList<DefinitionOverview>> OverviewAsync(CancellationToken cancellationToken) =>
        OneAtATimeAsync(() => OverviewCoreAsync(cancellationToken), cancellationToken);

    public Task<StoredDefinition?> FindAsync(string definitionId, int? version, CancellationToken cancellationToken) =>
        OneAtATimeAsync(() => FindCoreAsync(definitionId, version, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<DefinitionVersion>> ListVersionsAsync(string definitionId, CancellationToken cancellationToken) =>
        OneAtATimeAsync(() => ListVersionsCoreAsync(definitionId, cancellationToken), cancellationToken);

    public Task<int?> LatestVersionAsync(string definitionId, CancellationToken cancellationToken) =>
        OneAtATimeAsync(() => LatestVersionCoreAsync(definitionId, cancellationToken), cancellationToken);

    public Task<DraftSaveResult> SaveDraftAsync(WorkflowDefinition definition, string? author, DateTimeOffset at, long? basedOn, CancellationToken cancellationToken) =>
        OneAtATimeAsync(() => SaveDraftCoreAsync(definition, author, at, basedOn, cancellationToken), cancellationToken);

    public Task<DraftSaveResult> DeleteDraftAsync(string definitionId, long basedOn, CancellationToken cancellationToken) =>
        OneAtATimeAsync(() => DeleteDraftCoreAsync(definitionId, basedOn, cancellationToken), cancellationToken);

    public Task<int?> PublishAsync(WorkflowDefinition definition, string? author, DateTimeOffset at, string? comment, long? draftRevision, CancellationToken cancellationToken) =>
        OneAtATimeAsync(() => PublishCoreAsync(definition, author, at, comment, draftRevision, cancellationToken), cancellationToken);

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

    private async Task<IReadOnlyList<DefinitionSummary>> ListCoreAsync(CancellationToken cancellationToken)
    {
        var rows = await db.WorkflowDefinitions.AsNoTracking()
            .Select(d => new { d.DefinitionId, d.Version, d.Name, d.IsPublished })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.DefinitionId).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var published = g.Where(r => r.IsPublished).OrderBy(r => r.Version).ToList();
            var name = (published.Count > 0 ? published[^1].Name : g.First().Name);
            return new DefinitionSummary(g.Key, name, published.Count > 0 ? published[^1].Version : null, g.Any(r => !r.IsPublished), published.Select(r => r.Version).ToList());
        }).ToList();
    }

    private async Task<IReadOnlyList<DefinitionOverview>> OverviewCoreAsync(CancellationToken cancellationToken)
    {
        var rows = await db.WorkflowDefinitions.AsNoTracking()
            .Select(d => new { d.DefinitionId, d.Version, d.Name, d.IsPublished, d.SavedBy, d.SavedAt })
            .ToListAsync(cancellationToken);

        // Open instances by definition and status: one grouped statement over the instance table.
        var open = new[] { WorkflowStatus.Running, WorkflowStatus.Suspended, WorkflowStatus.Faulted };
        var counts = await db.WorkflowInstances.AsNoTracking()
            .Where(i => open.Contains(i.Status))
            .GroupBy(i => new { i.DefinitionId, i.Status })
            .Select(g => new { g.Key.DefinitionId, g.Key.Status, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var byDefinition = counts.ToLookup(c => c.DefinitionId, StringComparer.Ordinal);

        return rows.GroupBy(r => r.DefinitionId).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var latest = g.OrderBy(r => r.IsPublished).ThenByDescending(r => r.Version).First();
            var published = g.Where(r => r.IsPublished).MaxBy(r => r.Version);
            int Count(WorkflowStatus status) => byDefinition[g.Key].Where(c => c.Status == status).Sum(c => c.Count);
            return new DefinitionOverview(
                g.Key, latest.Name, published?.Version, !latest.IsPublished, latest.SavedBy, latest.SavedAt,
                Count(WorkflowStatus.Running), Count(WorkflowStatus.Suspended), Count(WorkflowStatus.Faulted));
        }).ToList();
    }

    private async Task<StoredDefinition?> FindCoreAsync(string definitionId, int? version, CancellationToken cancellationToken)
    {
        var rows = db.WorkflowDefinitions.AsNoTracking().Where(d => d.DefinitionId == definitionId);
        var row = version is { } v
            ? await rows.FirstOrDefaultAsync(d => d.Version == v, cancellationToken)
            : await rows.Where(d => d.IsPublished).OrderByDescending(d => d.Version).FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : ToStored(row);
    }

    private async Task<IReadOnlyList<DefinitionVersion>> ListVersionsCoreAsync(string definitionId, CancellationToken cancellationToken)
    {
        var rows = await db.WorkflowDefinitions.AsNoTracking()
            .Where(d => d.DefinitionId == definitionId)
            .Select(d => new DefinitionVersion(d.Version, d.IsPublished, d.SavedBy, d.SavedAt, d.Comment, d.Revision))
            .ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.IsPublished).ThenByDescending(r => r.Version)];
    }

    private async Task<int?> LatestVersionCoreAsync(string definitionId, CancellationToken cancellationToken)
    {
        // Every start asks: one plain statement instead of a LINQ query and its connection set-up.
        var statement = WorkflowSql.For(db).LatestVersion;
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(cancellationToken);
        }

        try
        {
            await using var command = statement.Prepare(connection, db.Database.CurrentTransaction?.GetDbTransaction());
            statement.Bind(command, [definitionId, true]);
            return await command.ExecuteScalarAsync(cancellationToken) is { } value and not DBNull ? Convert.ToInt32(value, CultureInfo.InvariantCulture) : null;
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }

    private async Task<DraftSaveResult> SaveDraftCoreAsync(WorkflowDefinition definition, string? author, DateTimeOffset at, long? basedOn, CancellationToken cancellationToken)
    {
        var json = WorkflowDefinitionJson.Write(definition);
        if (basedOn is { } based)
        {
            // The common case, in one statement: the draft is still the one the edit began from.
            var updated = await db.WorkflowDefinitions
                .Where(d => d.DefinitionId == definition.Id && d.Version == StoredDefinition.DraftVersion && d.Revision == based)
                .ExecuteUpdateAsync(
                    set => set.SetProperty(d => d.Json, json).SetProperty(d => d.Name, definition.Name)
                        .SetProperty(d => d.SavedAt, at).SetProperty(d => d.SavedBy, author).SetProperty(d => d.Revision, DraftRevision.Next(based, at)),
                    cancellationToken);
            if (updated == 1)
            {
                return DraftSaveResult.Saved(DraftRevision.Next(based, at), at);
            }
        }

        var rows = await Heads(definition.Id, cancellationToken);
        if (rows.FirstOrDefault(r => !r.IsPublished) is { } draft)
        {
            return DraftSaveResult.Conflicted(new DraftConflict(draft.SavedBy, draft.SavedAt, draft.Revision));
        }

        var head = rows.Count == 0 ? 0 : rows.Max(r => r.Revision);
        if (basedOn is { } expected && expected != head)
        {
            return DraftSaveResult.Conflicted(DraftConflict.StaleBase(rows, head, expected));
        }

        // No draft yet: its key decides between two concurrent first saves.
        var revision = DraftRevision.Next(head, at);
        var record = new WorkflowDefinitionRecord { DefinitionId = definition.Id, Version = StoredDefinition.DraftVersion, Revision = revision };
        Fill(record, definition, published: false, author, at);
        db.WorkflowDefinitions.Add(record);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.Entry(record).State = EntityState.Detached;
            var winner = (await Heads(definition.Id, cancellationToken)).FirstOrDefault(r => !r.IsPublished);
            if (winner is null)
            {
                throw;
            }

            return DraftSaveResult.Conflicted(new DraftConflict(winner.SavedBy, winner.SavedAt, winner.Revision));
        }
        finally
        {
            db.ChangeTracker.Clear();
        }

        return DraftSaveResult.Saved(revision, at);
    }

    private async Task<DraftSaveResult> DeleteDraftCoreAsync(string definitionId, long basedOn, CancellationToken cancellationToken)
    {
        var deleted = await db.WorkflowDefinitions
            .Where(d => d.DefinitionId == definitionId && d.Version == StoredDefinition.DraftVersion && d.Revision == basedOn)
            .ExecuteDeleteAsync(cancellationToken);
        var rows = await Heads(definitionId, cancellationToken);
        if (deleted == 1)
        {
            return DraftSaveResult.Saved(rows.Count == 0 ? 0 : rows.Max(r => r.Revision), rows.Count == 0 ? default : rows.Max(r => r.SavedAt));
        }

        return rows.FirstOrDefault(r => !r.IsPublished) is { } draft
            ? DraftSaveResult.Conflicted(new DraftConflict(draft.SavedBy, draft.SavedAt, draft.Revision))
            : DraftSaveResult.Refused("draft", $"The workflow '{definitionId}' has no draft.");
    }

    private async Task<int?> PublishCoreAsync(WorkflowDefinition definition, string? author, DateTimeOffset at, string? comment, long? draftRevision, CancellationToken cancellationToken)
    {
        // The new version and the draft's removal commit together; SQL Server's retrying strategy needs
        // the transaction inside it.
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var rows = await Heads(definition.Id, cancellationToken);
            var draft = rows.FirstOrDefault(r => !r.IsPublished);
            var deleted = await db.WorkflowDefinitions
                .Where(d => d.DefinitionId == definition.Id && d.Version == StoredDefinition.DraftVersion)
                .Where(d => draftRevision == null || d.Revision == draftRevision)
                .ExecuteDeleteAsync(cancellationToken);
            if (draftRevision is not null && deleted != 1)
            {
                // The draft changed (or went) since it was read: publish nothing.
                await transaction.RollbackAsync(cancellationToken);
                return (int?)null;
            }

            var latest = rows.Where(r => r.IsPublished).Select(r => r.Version).DefaultIfEmpty(0).Max();
            var record = new WorkflowDefinitionRecord
            {
                DefinitionId = definition.Id,
                Version = latest + 1,
                Revision = draftRevision ?? draft?.Revision ?? DraftRevision.Next(rows.Count == 0 ? 0 : rows.Max(r => r.Revision), at),
                Comment = comment,
            };
            Fill(record, definition, published: true, author, at);
            db.WorkflowDefinitions.Add(record);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return record.Version;
        });
    }

    public async Task<int> PublishAsync(WorkflowDefinition definition, string? author, DateTimeOffset at, CancellationToken cancellationToken) =>
        (await PublishAsync(definition, author, at, null, null, cancellationToken))!.Value;

    /// <summary>Who changed each row of a definition and when, without its JSON.</summary>
    private async Task<List<DefinitionVersion>> Heads(string definitionId, CancellationToken cancellationToken) =>
        await db.WorkflowDefinitions.AsNoTracking()
            .Where(d => d.DefinitionId == definitionId)
            .Select(d => new DefinitionVersion(d.Version, d.IsPublished, d.SavedBy, d.SavedAt, d.Comment, d.Revision))
            .ToListAsync(cancellationToken);

    private static void Fill(WorkflowDefinitionRecord record, WorkflowDefinition definition, bool published, string? author, DateTimeOffset at)
    {
        record.Name = definition.Name;
        record.IsPublished = published;
        record.Json = WorkflowDefinitionJson.Write(definition);
        record.SavedAt = at;
        record.SavedBy = author;
    }

    private static StoredDefinition ToStored(WorkflowDefinitionRecord row) =>
        new(WorkflowDefinitionJson.Parse(row.Json).Value, row.Version, row.IsPublished, row.SavedAt, row.SavedBy, row.Revision, row.Comment);
}
