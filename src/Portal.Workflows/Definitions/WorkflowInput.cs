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

    [FormatMember("Type", "The kind of value expected, e.g. \"string\", \"number\", \"boolean\", \"object\" or \"array\".")]
    public string Type { get; init; } = "string";

    [FormatMember("Required", "Whether the workflow cannot start without this input.")]
    public bool Required { get; init; }

    [FormatMember("Default", "The value used when the starter supplies none. Any JSON value.")]
    public JsonNode? Default { get; init; }

    /// <summary>Masked in the journal and on the instance page.</summary>
    [FormatMember("Secret", "Whether the value is masked in the journal and on the instance page (passwords, keys).")]
    public bool Secret { get; init; }
}
