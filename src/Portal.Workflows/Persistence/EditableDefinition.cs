using Portal.Workflows.Definitions;

namespace Portal.Workflows.Persistence;

/// <summary>
/// What the designer opens: the draft when there is one, else the latest published version (<see cref="Version"/>
/// says which: 0 for the draft), with the <see cref="Revision"/> to base the next save on.
/// </summary>
public sealed record EditableDefinition(WorkflowDefinition Definition, int Version, long Revision, string? SavedBy, DateTimeOffset SavedAt)
{
    public bool IsDraft => Version == StoredDefinition.DraftVersion;
}
