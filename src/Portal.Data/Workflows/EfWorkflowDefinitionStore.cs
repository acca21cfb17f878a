using System.Data;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Portal.Workflows.Definitions;
using Portal.Workflows.Persistence;

namespace Portal.Data.Workflows;

/// <summary>
/// Workflow definitions in the portal database, as their public JSON. Safe for concurrent callers (a worker's steps
/// look definitions up at once): they use the context one at a time.
/// </summary>
public sealed class EfWorkflowDefinitionStore(PortalDbContext db) : IWorkflowDefinitionStore
{
    private readonly SemaphoreSlim gate = ContextGate.For(db);

    public Task<IReadOnlyList<DefinitionSummary>> ListAsync(CancellationToken cancellationToken) => OneAtATimeAsync(() => ListCoreAsync(cancellationToken), cancellationToken);

    public Task<StoredDefinition?> FindAsync(string definitionId, int? version, CancellationToken cancellationToken) =>
        OneAtATimeAsync(() => FindCoreAsync(definitionId, version, cancellationToken), cancellationToken);

    public Task<int?> LatestVersionAsync(string definitionId, CancellationToken cancellationToken) =>
        OneAtATimeAsync(() => LatestVersionCoreAsync(definitionId, cancellationToken), cancellationToken);

    public Task SaveDraftAsync(WorkflowDefinition definition, string? author, DateTimeOffset at, CancellationToken cancellationToken) =>
        OneAtATimeAsync(async () =>
        {
            await SaveDraftCoreAsync(definition, author, at, cancellationToken);
            return true;
        }, cancellationToken);

    public Task<int> PublishAsync(WorkflowDefinition definition, string? author, DateTimeOffset at, CancellationToken cancellationToken) =>
        OneAtATimeAsync(() => PublishCoreAsync(definition, author, at, cancellationToken), cancellationToken);

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

    private async Task<StoredDefinition?> FindCoreAsync(string definitionId, int? version, CancellationToken cancellationToken)
    {
        var rows = db.WorkflowDefinitions.AsNoTracking().Where(d => d.DefinitionId == definitionId);
        var row = version is { } v
            ? await rows.FirstOrDefaultAsync(d => d.Version == v, cancellationToken)
            : await rows.Where(d => d.IsPublished).OrderByDescending(d => d.Version).FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : ToStored(row);
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

    private async Task SaveDraftCoreAsync(WorkflowDefinition definition, string? author, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var draft = await db.WorkflowDefinitions.FirstOrDefaultAsync(
            d => d.DefinitionId == definition.Id && d.Version == StoredDefinition.DraftVersion, cancellationToken);
        if (draft is null)
        {
            draft = new WorkflowDefinitionRecord { DefinitionId = definition.Id, Version = StoredDefinition.DraftVersion };
            db.WorkflowDefinitions.Add(draft);
        }

        Fill(draft, definition, published: false, author, at);
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<int> PublishCoreAsync(WorkflowDefinition definition, string? author, DateTimeOffset at, CancellationToken cancellationToken)
    {
        // The new version and the draft's removal commit together; SQL Server's retrying strategy needs
        // the transaction inside it.
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var latest = await db.WorkflowDefinitions.Where(d => d.DefinitionId == definition.Id)
                .MaxAsync(d => (int?)d.Version, cancellationToken) ?? 0;
            var record = new WorkflowDefinitionRecord { DefinitionId = definition.Id, Version = latest + 1 };
            Fill(record, definition, published: true, author, at);
            db.WorkflowDefinitions.Add(record);
            await db.WorkflowDefinitions
                .Where(d => d.DefinitionId == definition.Id && d.Version == StoredDefinition.DraftVersion)
                .ExecuteDeleteAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return record.Version;
        });
    }

    private static void Fill(WorkflowDefinitionRecord record, WorkflowDefinition definition, bool published, string? author, DateTimeOffset at)
    {
        record.Name = definition.Name;
        record.IsPublished = published;
        record.Json = WorkflowDefinitionJson.Write(definition);
        record.SavedAt = at;
        record.SavedBy = author;
    }

    private static StoredDefinition ToStored(WorkflowDefinitionRecord row) =>
        new(WorkflowDefinitionJson.Parse(row.Json).Value, row.Version, row.IsPublished, row.SavedAt, row.SavedBy);
}
