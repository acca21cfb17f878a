using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Portal.Workflows.Activities;

/// <summary>
/// Reads a JSON number whatever .NET type holds it: a literal parsed from a definition, an int a test
/// created, or a double an expression returned all read the same.
/// </summary>
public static class JsonNumbers
{
    public static bool TryRead(JsonNode? node, out double value)
    {
        value = 0;
        return node is JsonValue json && json.GetValueKind() == JsonValueKind.Number
            && double.TryParse(json.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }
}
