using Portal.Workflows.Definitions;

namespace Portal.Workflows.Persistence;

/// <summary>The definition store in memory, for tests and tools; the portal uses the database one.</summary>
public sealed class InMemoryWorkflowDefinitionStore : IWorkflowDefinitionStore
{
    private readonly Lock gate = new();
    private readonly List<StoredDefinition> rows = [];

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

    public Task<int?> LatestVersionAsync(string definitionId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(rows.Where(r => r.Definition.Id == definitionId && r.IsPublished).Max(r => (int?)r.Version));
        }
    }

    public Task SaveDraftAsync(WorkflowDefinition definition, string? author, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            rows.RemoveAll(r => r.Definition.Id == definition.Id && !r.IsPublished);
            rows.Add(new StoredDefinition(definition, StoredDefinition.DraftVersion, false, at, author));
            return Task.CompletedTask;
        }
    }

    public Task<int> PublishAsync(WorkflowDefinition definition, string? author, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var version = rows.Where(r => r.Definition.Id == definition.Id && r.IsPublished).Select(r => r.Version).DefaultIfEmpty(0).Max() + 1;
            rows.RemoveAll(r => r.Definition.Id == definition.Id && !r.IsPublished);
            rows.Add(new StoredDefinition(definition, version, true, at, author));
            return Task.FromResult(version);
        }
    }
}
