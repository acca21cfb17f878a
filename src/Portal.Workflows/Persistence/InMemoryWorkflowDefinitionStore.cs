using Portal.Workflows.Definitions;
using Portal.Workflows.Runtime;

namespace Portal.Workflows.Persistence;

/// <summary>The definition store in memory, for tests and tools; the portal uses the database one. Same rules, under one lock.</summary>
public sealed class InMemoryWorkflowDefinitionStore : IWorkflowDefinitionStore
{
    private readonly Lock gate = new();
    private readonly List<StoredDefinition> rows = [];

    /// <summary>Open instances by definition, for <see cref="OverviewAsync"/>; the database store counts its instance table.</summary>
    public Func<IReadOnlyList<(string DefinitionId, WorkflowStatus Status)>> Instances { get; set; } = () => [];

    public Task<IReadOnlyList<DefinitionSummary>> ListAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            IReadOnlyList<DefinitionSummary> list = rows.GroupBy(r => r.Definition.Id).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
            {
                var published = g.Where(r => r.IsPublished).OrderBy(r => r.Version).ToList();
                var name = (published.LastOrDefault() ?? g.First()).Definition.Name;
                return new DefinitionSummary(g.Key, name, published.LastOrDefault()?.Version, g.Any(r => !r.IsPublished), published.Select(r => r.Version).ToList());
            }).ToList();
            return Task.FromResult(list);
        }
    }

    public Task<IReadOnlyList<DefinitionOverview>> OverviewAsync(CancellationToken cancellationToken)
    {
        var instances = Instances();
        lock (gate)
        {
            IReadOnlyList<DefinitionOverview> list = rows.GroupBy(r => r.Definition.Id).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
            {
                var latest = g.OrderBy(r => r.IsPublished).ThenByDescending(r => r.Version).First();
                var published = g.Where(r => r.IsPublished).MaxBy(r => r.Version);
                int Count(WorkflowStatus status) => instances.Count(i => i.DefinitionId == g.Key && i.Status == status);
                return new DefinitionOverview(
                    g.Key, latest.Definition.Name, published?.Version, !latest.IsPublished,
                    latest.SavedBy, latest.SavedAt, Count(WorkflowStatus.Running), Count(WorkflowStatus.Suspended), Count(WorkflowStatus.Faulted));
            }).ToList();
            return Task.FromResult(list);
        }
    }

    public Task<StoredDefinition?> FindAsync(string definitionId, int? version, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var matching = rows.Where(r => r.Definition.Id == definitionId);
            var found = version is { } v
                ? matching.FirstOrDefault(r => r.Version == v)
                : matching.Where(r => r.IsPublished).MaxBy(r => r.Version);
            return Task.FromResult(found);
        }
    }

    public Task<IReadOnlyList<DefinitionVersion>> ListVersionsAsync(string definitionId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            IReadOnlyList<DefinitionVersion> versions = rows.Where(r => r.Definition.Id == definitionId)
                .OrderBy(r => r.IsPublished).ThenByDescending(r => r.Version)
                .Select(r => new DefinitionVersion(r.Version, r.IsPublished, r.SavedBy, r.SavedAt, r.Comment, r.Revision))
                .ToList();
            return Task.FromResult(versions);
        }
    }

    public Task<int?> LatestVersionAsync(string definitionId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(rows.Where(r => r.Definition.Id == definitionId && r.IsPublished).Max(r => (int?)r.Version));
        }
    }

    public Task<DraftSaveResult> SaveDraftAsync(WorkflowDefinition definition, string? author, DateTimeOffset at, long? basedOn, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var mine = rows.Where(r => r.Definition.Id == definition.Id).ToList();
            var draft = mine.FirstOrDefault(r => !r.IsPublished);
            var head = mine.Select(r => r.Revision).DefaultIfEmpty(0).Max();
            if (draft is not null && (basedOn is null || draft.Revision != basedOn))
            {
                return Task.FromResult(DraftSaveResult.Conflicted(new DraftConflict(draft.SavedBy, draft.SavedAt, draft.Revision)));
            }

            if (draft is null && basedOn is { } based && based != head)
            {
                var versions = mine.Select(r => new DefinitionVersion(r.Version, r.IsPublished, r.SavedBy, r.SavedAt, r.Comment, r.Revision)).ToList();
                return Task.FromResult(DraftSaveResult.Conflicted(DraftConflict.StaleBase(versions, head, based)));
            }

            var revision = DraftRevision.Next(draft?.Revision ?? head, at);
            rows.RemoveAll(r => r.Definition.Id == definition.Id && !r.IsPublished);
            rows.Add(new StoredDefinition(definition, StoredDefinition.DraftVersion, false, at, author, revision));
            return Task.FromResult(DraftSaveResult.Saved(revision, at));
        }
    }

    public Task<DraftSaveResult> DeleteDraftAsync(string definitionId, long basedOn, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var draft = rows.FirstOrDefault(r => r.Definition.Id == definitionId && !r.IsPublished);
            if (draft is null)
            {
                return Task.FromResult(DraftSaveResult.Refused("draft", $"The workflow '{definitionId}' has no draft."));
            }

            if (draft.Revision != basedOn)
            {
                return Task.FromResult(DraftSaveResult.Conflicted(new DraftConflict(draft.SavedBy, draft.SavedAt, draft.Revision)));
            }

            rows.Remove(draft);
            var head = rows.Where(r => r.Definition.Id == definitionId).Select(r => r.Revision).DefaultIfEmpty(0).Max();
            return Task.FromResult(DraftSaveResult.Saved(head, draft.SavedAt));
        }
    }

    public Task<int?> PublishAsync(WorkflowDefinition definition, string? author, DateTimeOffset at, string? comment, long? draftRevision, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var draft = rows.FirstOrDefault(r => r.Definition.Id == definition.Id && !r.IsPublished);
            if (draftRevision is { } expected && draft?.Revision != expected)
            {
                return Task.FromResult<int?>(null);
            }

            var mine = rows.Where(r => r.Definition.Id == definition.Id).ToList();
            var version = mine.Where(r => r.IsPublished).Select(r => r.Version).DefaultIfEmpty(0).Max() + 1;
            var revision = draft?.Revision ?? DraftRevision.Next(mine.Select(r => r.Revision).DefaultIfEmpty(0).Max(), at);
            rows.RemoveAll(r => r.Definition.Id == definition.Id && !r.IsPublished);
            rows.Add(new StoredDefinition(definition, version, true, at, author, revision, comment));
            return Task.FromResult<int?>(version);
        }
    }

    public async Task<int> PublishAsync(WorkflowDefinition definition, string? author, DateTimeOffset at, CancellationToken cancellationToken) =>
        (await PublishAsync(definition, author, at, null, null, cancellationToken))!.Value;
}
