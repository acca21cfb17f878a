using System.Text.Json.Nodes;
using Portal.Workflows.Definitions.Format;

namespace Portal.Workflows.Definitions;

/// <summary>A named value an instance keeps while it runs; expressions read it as <c>variables.NAME</c>.</summary>
[FormatObject("workflowVariable", "Workflow variable", "A named value an instance keeps while it runs.")]
public sealed record WorkflowVariable
{
    [FormatMember("Name", "The variable's name; expressions read it as variables.NAME.")]
    [NotBlank]
    public required string Name { get; init; }

    [FormatMember("Type", "The kind of value kept, e.g. \"string\", \"number\", \"boolean\", \"object\", \"array\" or \"any\".")]
    public string Type { get; init; } = "any";

    [FormatMember("Default", "The value the variable has when an instance starts. Any JSON value.")]
    public JsonNode? Default { get; init; }

    /// <summary>Masked in the journal and on the instance page.</summary>
    [FormatMember("Secret", "Whether the value is masked in the journal and on the instance page.")]
    public bool Secret { get; init; }
}
