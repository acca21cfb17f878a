using System.Text.Json.Nodes;

namespace Portal.Workflows.Definitions;

/// <summary>A named value an instance keeps while it runs; expressions read it as <c>variables.NAME</c>.</summary>
public sealed record WorkflowVariable
{
    public required string Name { get; init; }

    public string Type { get; init; } = "any";

    public JsonNode? Default { get; init; }

    /// <summary>Masked in the journal and on the instance page.</summary>
    public bool Secret { get; init; }
}
