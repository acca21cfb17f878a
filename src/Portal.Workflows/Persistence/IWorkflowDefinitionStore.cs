using Portal.Workflows.Definitions;

namespace Portal.Workflows.Persistence;

/// <summary>
/// Where definitions live. Published versions are never changed or removed; the draft is one row per
/// definition that each save replaces. Rules (validation, numbering) belong to <see cref="WorkflowDefinitions"/>.
/// </summary>
public interface IWorkflowDefinitionStore
{
    Task<IReadOnlyList<DefinitionSummary>> ListAsync(CancellationToken cancellationToken);

    /// <summary>The draft (version 0), a published version, or with <paramref name="version"/> null the latest published.</summary>
    Task<StoredDefinition?> FindAsync(string definitionId, int? version, CancellationToken cancellationToken);

    /// <summary>The number of the latest published version, null when none is published. Cheap: it reads no definition.</summary>
    Task<int?> LatestVersionAsync(string definitionId, CancellationToken cancellationToken);

    Task SaveDraftAsync(WorkflowDefinition definition, string? author, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Stores the definition as the next version and removes the draft; returns the version number.</summary>
    Task<int> PublishAsync(WorkflowDefinition definition, string? author, DateTimeOffset at, CancellationToken cancellationToken);
}
