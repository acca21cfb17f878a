using Portal.Domain.Validation;

namespace Portal.Workflows.Persistence;

/// <summary>
/// The outcome of a change to a draft (save, revert, create, duplicate, import, delete): saved with its new
/// <see cref="Revision"/>; refused because someone changed the definition meanwhile (<see cref="Conflict"/>, nothing
/// written); or refused for a reason the caller can fix (<see cref="Errors"/>: not found, already exists…).
/// </summary>
/// <remarks>
/// The revision counts a definition's changes: every saved draft gets the next number, a published version keeps its
/// draft's. An edit is based on the revision it loaded (<see cref="EditableDefinition.Revision"/>); a save based on
/// anything but the current revision is a <see cref="Conflict"/>.
/// </remarks>
public sealed record DraftSaveResult
{
    public bool IsSaved => Conflict is null && Errors.Count == 0;

    /// <summary>The definition's revision after the save: what the next save is based on.</summary>
    public long Revision { get; init; }

    public DateTimeOffset SavedAt { get; init; }

    public DraftConflict? Conflict { get; init; }

    public IReadOnlyList<ValidationError> Errors { get; init; } = [];

    public static DraftSaveResult Saved(long revision, DateTimeOffset at) => new() { Revision = revision, SavedAt = at };

    public static DraftSaveResult Conflicted(DraftConflict conflict) => new() { Conflict = conflict, Revision = conflict.CurrentRevision };

    public static DraftSaveResult Refused(string field, string message) => new() { Errors = [new ValidationError(field, message)] };
}
