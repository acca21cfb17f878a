using Portal.Workflows.Definitions;

namespace Portal.Workflows.Persistence;

/// <summary>A definition as stored: the draft (version 0) or a published, frozen version.</summary>
public sealed record StoredDefinition(WorkflowDefinition Definition, int Version, bool IsPublished, DateTimeOffset SavedAt, string? SavedBy)
{
    public const int DraftVersion = 0;
}
