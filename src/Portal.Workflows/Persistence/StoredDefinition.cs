using Portal.Workflows.Definitions;

namespace Portal.Workflows.Persistence;

/// <summary>
/// A definition as stored: the draft (version 0) or a published, frozen version. <see cref="Revision"/> counts the
/// definition's changes (see <see cref="DraftSaveResult"/>); <see cref="Comment"/> is a published version's comment.
/// </summary>
public sealed record StoredDefinition(
    WorkflowDefinition Definition, int Version, bool IsPublished, DateTimeOffset SavedAt, string? SavedBy, long Revision = 0, string? Comment = null)
{
    public const int DraftVersion = 0;
}
