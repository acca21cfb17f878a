using System.Collections.Concurrent;
using Portal.Workflows.Definitions;
using Portal.Workflows.Persistence;

namespace Portal.Workflows.Hosting;

/// <summary>
/// Published versions never change, so a node parses each one once. Every step of an instance needs its
/// definition; reading and parsing it from the database each time cost more than running the step, and a
/// fresh object each time also defeated the per-definition join reachability cache.
/// </summary>
public sealed class PublishedDefinitionCache
{
    private const int Capacity = 1_000;
    private readonly ConcurrentDictionary<(string Id, int Version), WorkflowDefinition> cache = new();

    public async Task<WorkflowDefinition?> GetAsync(IWorkflowDefinitionStore store, string definitionId, int version, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue((definitionId, version), out var cached))
        {
            return cached;
        }

        var stored = await store.FindAsync(definitionId, version, cancellationToken);
        if (stored is not { IsPublished: true })
        {
            return null;
        }

        if (cache.Count >= Capacity)
        {
            cache.Clear();
        }

        return cache.GetOrAdd((definitionId, version), stored.Definition);
    }
}
