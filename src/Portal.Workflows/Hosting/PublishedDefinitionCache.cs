using System.Collections.Concurrent;
using Portal.Workflows.Definitions;
using Portal.Workflows.Persistence;

namespace Portal.Workflows.Hosting;

/// <summary>
/// Published versions never change, so a node parses each one once, and remembers which is the latest. Every step of an instance needs its
/// definition; reading and parsing it from the database each time cost more than running the step, and a
/// fresh object each time also defeated the per-definition join reachability cache.
/// </summary>
public sealed class PublishedDefinitionCache
{
    private const int Capacity = 1_000;
    private readonly ConcurrentDictionary<(string Id, int Version), WorkflowDefinition> cache = new();
    private readonly ConcurrentDictionary<string, int> latest = new(StringComparer.Ordinal);

    /// <summary>
    /// The version last seen as the latest published one; it may be stale (another node may have published since),
    /// so a start that uses it has its commit check it (<see cref="InstanceWrite.Create.Latest"/>).
    /// </summary>
    public async Task<int?> LatestVersionAsync(IWorkflowDefinitionStore store, string definitionId, CancellationToken cancellationToken)
    {
        if (latest.TryGetValue(definitionId, out var known))
        {
            return known;
        }

        if (await store.LatestVersionAsync(definitionId, cancellationToken) is not { } version)
        {
            return null;
        }

        if (latest.Count >= Capacity)
        {
            latest.Clear();
        }

        return latest[definitionId] = version;
    }

    /// <summary>Forgets the remembered latest version of a definition: a commit found a newer one.</summary>
    public void ForgetLatest(string definitionId) => latest.TryRemove(definitionId, out _);

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
