using System.Text.Json.Nodes;
using Portal.Workflows.Definitions.Format;

namespace Portal.Workflows.Definitions;

/// <summary>A value the starter of a workflow supplies (e.g. the request id).</summary>
[FormatObject("workflowInput", "Workflow input", "A value the starter of the workflow supplies.")]
public sealed record WorkflowInput
{
    [FormatMember("Name", "The input's name; expressions read it as input.NAME.")]
    [NotBlank]
    public required string Name { get; init; }

    [FormatMember("Type", "The kind of value expected: \"string\", \"number\", \"integer\", \"boolean\", \"object\", \"array\", \"guid\" (an id such as 3f2504e0-4f89-41d3-9a0c-0305e82c3301), \"duration\" (seconds, 30s, 5m, 2h, 1d or hh:mm:ss), \"datetime\" (ISO 8601) or \"any\". A start whose value is of another kind is refused, naming the input.")]
    public string Type { get; init; } = "string";

    [FormatMember("Required", "Whether the workflow cannot start without this input.")]
    public bool Required { get; init; }

    [FormatMember("Default", "The value used when the starter supplies none. Any JSON value.")]
    public JsonNode? Default { get; init; }

    /// <summary>Masked in the journal and on the instance page.</summary>
    [FormatMember("Secret", "Whether the value is masked in the journal and on the instance page (passwords, keys).")]
    public bool Secret { get; init; }
}
