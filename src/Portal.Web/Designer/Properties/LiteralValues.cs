using System.Text.Json;
using System.Text.Json.Nodes;

namespace Portal.Web.Designer.Properties;

/// <summary>Conversions between stored JSON literals and the values the fields edit.</summary>
public static class LiteralValues
{
    public static string? Text(JsonNode? value) => value switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        var other => other.ToJsonString(),
    };

    public static double? Number(JsonNode? value) =>
        value is JsonValue v && Portal.Workflows.Activities.JsonNumbers.TryRead(v, out var n) ? n : null;

    public static bool? Boolean(JsonNode? value) => value switch
    {
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        JsonValue v when v.TryGetValue<string>(out var s) && bool.TryParse(s, out var parsed) => parsed,
        _ => null,
    };

    /// <summary>The elements of an array of scalars as text; null when the value is not such an array.</summary>
    public static IReadOnlyList<string>? Strings(JsonNode? value) =>
        value is JsonArray array && array.All(e => e is JsonValue)
            ? array.Select(e => e is JsonValue v && v.TryGetValue<string>(out var s) ? s : e!.ToJsonString()).ToList()
            : null;

    public static JsonArray Array(IEnumerable<string> items) => new([.. items.Select(i => (JsonNode?)JsonValue.Create(i))]);

    /// <summary>A whole number is stored as an integer (16, not 16.0).</summary>
    public static JsonNode NumberNode(double number) =>
        number == Math.Floor(number) && Math.Abs(number) < long.MaxValue ? JsonValue.Create((long)number) : JsonValue.Create(number);

    /// <summary>Indented JSON for the JSON editor.</summary>
    public static string Pretty(JsonNode? value) =>
        value?.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) ?? "";

    /// <summary>Parses what was typed in a JSON field: the value, or the parser's complaint.</summary>
    public static (JsonNode? Value, string? Error) ParseJson(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, null);
        }

        try
        {
            return (JsonNode.Parse(text), null);
        }
        catch (JsonException e)
        {
            var message = e.Message;
            var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
            return (null, "Not valid JSON: " + (cut > 0 ? message[..cut] : message));
        }
    }

    /// <summary>
    /// A literal as JavaScript source, for switching a field to an expression: JSON is valid JavaScript, so
    /// <c>"Approved"</c> becomes the expression <c>"Approved"</c> and means the same.
    /// </summary>
    public static string AsExpression(JsonNode? value) => value?.ToJsonString() ?? "";

    /// <summary>An expression that is just a JSON literal becomes that literal when switching back; anything else, null.</summary>
    public static JsonNode? FromExpression(string? expression)
    {
        var (value, error) = ParseJson(expression);
        return error is null ? value : null;
    }
}
