using System.Text.Json.Nodes;
using Portal.Workflows.Definitions.Format;

namespace Portal.Workflows.Definitions;

/// <summary>
/// An activity input as a definition states it: a literal JSON value, or a JavaScript expression evaluated
/// when the activity runs. Exactly one of the two is set.
/// </summary>
[FormatObject("inputValue", "Input value", "An activity input: either a literal JSON value ({ \"value\": ... }) or a JavaScript expression evaluated when the activity runs ({ \"expression\": \"...\" }). Exactly one of the two.")]
public sealed record InputValue
{
    public JsonNode? Value { get; init; }

    public string? Expression { get; init; }

    public bool IsExpression => Expression is not null;

    public static InputValue Literal(JsonNode? value) => new() { Value = value };

    public static InputValue Script(string expression) => new() { Expression = expression };
}
