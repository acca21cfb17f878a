using Portal.Workflows.Definitions;

namespace Portal.Workflows.Persistence;

/// <summary>
/// Where definitions are kept: per definition, at most one draft (version 0) and published versions 1.. that never
/// change. Every change of a draft is conditional on the revision it was based on (see <see cref="DraftSaveResult"/>),
/// so two admins never overwrite each other silently, whichever node they are on.
/// </summary>
public interface IWorkflowDefinitionStore
{
    Task<IReadOnlyList<DefinitionSummary>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Every definition with its published version, draft, last change and open instances by status (one grouped query for the counts).</summary>
    Task<IReadOnlyList<DefinitionOverview>> OverviewAsync(CancellationToken cancellationToken);

    /// <summary>The draft (version 0), a published version, or with <paramref name="version"/> null the latest published.</summary>
    Task<StoredDefinition?> FindAsync(string definitionId, int? version, CancellationToken cancellationToken);

    /// <summary>The draft and the published versions, newest first; empty when the definition does not exist.</summary>
    Task<IReadOnlyList<DefinitionVersion>> ListVersionsAsync(string definitionId, CancellationToken cancellationToken);

    /// <summary>The number of the latest published version, null when none is published. Cheap: it reads no definition.</summary>
    Task<int?> LatestVersionAsync(string definitionId, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the draft if the definition's revision is still <paramref name="basedOn"/> (null: only if there is no
    /// draft), in one conditional statement; otherwise writes nothing and returns the conflict.
    /// </summary>
    Task<DraftSaveResult> SaveDraftAsync(WorkflowDefinition definition, string? author, DateTimeOffset at, long? basedOn, CancellationToken cancellationToken);

    /// <summary>Removes the draft if it is still at revision <paramref name="basedOn"/>; published versions are never removed.</summary>
    Task<DraftSaveResult> DeleteDraftAsync(string definitionId, long basedOn, CancellationToken cancellationToken);

    /// <summary>
    /// Stores the definition as the next version and removes the draft, in one transaction; returns the version
    /// number. With <paramref name="draftRevision"/>, the draft must still be at that revision (else nothing is
    /// written and the result is null).
    /// </summary>
    Task<int?> PublishAsync(WorkflowDefinition definition, string? author, DateTimeOffset at, string? comment, long? draftRevision, CancellationToken cancellationToken);

    /// <summary>Publishes without a comment or a draft to check (seeding, tests); returns the version number.</summary>
    Task<int> PublishAsync(WorkflowDefinition definition, string? author, DateTimeOffset at, CancellationToken cancellationToken);
}
