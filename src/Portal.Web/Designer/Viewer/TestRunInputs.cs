using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Portal.Workflows.Definitions;

namespace Portal.Web.Designer.Viewer;

/// <summary>
/// The sample inputs of a test run, one per input the workflow declares, as the form edits them: text for strings,
/// a number, a switch for booleans, JSON for lists, objects and values of any type. Starts from each input's default.
/// <see cref="Build"/> turns them into the inputs object, or says per field what is wrong.
/// </summary>
public sealed class TestRunInputs
{
    private readonly Dictionary<string, string> texts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double?> numbers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> flags = new(StringComparer.Ordinal);

    public TestRunInputs(IReadOnlyList<WorkflowInput> declared)
    {
        Declared = declared;
        foreach (var input in declared)
        {
            switch (KindOf(input))
            {
                case TestRunInputKind.Number:
                    // A default read from JSON and one built in code (an int) are both numbers; read either from its text.
                    numbers[input.Name] = input.Default is JsonValue v && v.GetValueKind() == JsonValueKind.Number
                        && double.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : null;
                    break;
                case TestRunInputKind.Boolean:
                    flags[input.Name] = input.Default is JsonValue b && b.TryGetValue<bool>(out var flag) && flag;
                    break;
                case TestRunInputKind.Text:
                    texts[input.Name] = input.Default is JsonValue s && s.TryGetValue<string>(out var text) ? text : "";
                    break;
                default:
                    texts[input.Name] = input.Default?.ToJsonString() ?? "";
                    break;
            }
        }
    }

    public IReadOnlyList<WorkflowInput> Declared { get; }

    public static TestRunInputKind KindOf(WorkflowInput input) => input.Type switch
    {
        // An id, a duration and a time are typed as text; the start checks their form (WorkflowInputTypes).
        "string" or "guid" or "duration" or "datetime" => TestRunInputKind.Text,
        "number" or "integer" => TestRunInputKind.Number,
        "boolean" => TestRunInputKind.Boolean,
        _ => TestRunInputKind.Json,
    };

    public string Text(string name) => texts.GetValueOrDefault(name, "");

    public void SetText(string name, string? value) => texts[name] = value ?? "";

    public double? Number(string name) => numbers.GetValueOrDefault(name);

    public void SetNumber(string name, double? value) => numbers[name] = value;

    public bool Flag(string name) => flags.GetValueOrDefault(name);

    public void SetFlag(string name, bool value) => flags[name] = value;

    /// <summary>The inputs object, or the problems by input name. An empty optional field is left out (its default applies).</summary>
    public (JsonObject? Inputs, IReadOnlyDictionary<string, string> Errors) Build()
    {
        var inputs = new JsonObject();
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var input in Declared)
        {
            var name = input.Name;
            switch (KindOf(input))
            {
                case TestRunInputKind.Boolean:
                    inputs[name] = Flag(name);
                    break;
                case TestRunInputKind.Number when Number(name) is { } number:
                    inputs[name] = input.Type == "integer" ? JsonValue.Create((long)Math.Round(number)) : JsonValue.Create(number);
                    break;
                case TestRunInputKind.Text when Text(name).Length > 0:
                    inputs[name] = Text(name);
                    break;
                case TestRunInputKind.Json when Text(name).Trim().Length > 0:
                    try
                    {
                        var parsed = JsonNode.Parse(Text(name));
                        if (input.Type == "array" && parsed is not JsonArray || input.Type == "object" && parsed is not JsonObject)
                        {
                            errors[name] = input.Type == "array" ? "Expected a JSON list, e.g. [\"a\", \"b\"]." : "Expected a JSON object, e.g. {\"key\": \"value\"}.";
                        }
                        else
                        {
                            inputs[name] = parsed;
                        }
                    }
                    catch (JsonException e)
                    {
                        errors[name] = string.Create(CultureInfo.InvariantCulture, $"Not valid JSON (at position {e.BytePositionInLine ?? 0}).");
                    }

                    break;
                default:
                    if (input.Required && input.Default is null)
                    {
                        errors[name] = "Required.";
                    }

                    break;
            }
        }

        return (errors.Count == 0 ? inputs : null, errors);
    }
}
