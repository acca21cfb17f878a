using System.Text.Json.Nodes;

namespace Portal.Workflows.Definitions;

/// <summary>A value the starter of a workflow supplies (e.g. the request id).</summary>
public sealed record WorkflowInput
{
    public required string Name { get; init; }

    public string Type { get; init; } = "string";

    public bool Required { get; init; }

    public JsonNode? Default { get; init; }

    /// <summary>Masked in the journal and on the instance page.</summary>
    public bool Secret { get; init; }
}
