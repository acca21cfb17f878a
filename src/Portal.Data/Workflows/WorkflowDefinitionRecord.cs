namespace Portal.Data.Workflows;

/// <summary>A workflow definition version as stored: version 0 is the draft, 1.. are published and frozen.</summary>
public sealed class WorkflowDefinitionRecord
{
    public string DefinitionId { get; set; } = "";

    public int Version { get; set; }

    public string Name { get; set; } = "";

    public bool IsPublished { get; set; }

    /// <summary>The definition in its public JSON shape (see workflows/workflow-definition.schema.json).</summary>
    public string Json { get; set; } = "";

    public DateTimeOffset SavedAt { get; set; }

    public string? SavedBy { get; set; }

    /// <summary>
    /// Counts the definition's changes: a saved draft takes the next number, a published version keeps its draft's.
    /// A draft save names the revision it was based on and changes the row only if it is still that one.
    /// </summary>
    public long Revision { get; set; }

    /// <summary>Why a version was published, as the admin wrote it.</summary>
    public string? Comment { get; set; }
}
