using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Portal.Workflows.Definitions;

/// <summary>
/// The types a workflow input may declare, and the check of a supplied value against its type. Every start of an
/// instance — the API, a request's submission, a server action, a test run, a RunWorkflow child — goes through
/// <see cref="Runtime.WorkflowRunner.Create"/>, which applies this check, so a value of the wrong kind is refused
/// before the instance exists, with the input's name, instead of faulting an activity later.
/// </summary>
public static class WorkflowInputTypes
{
    public const string String = "string";
    public const string Number = "number";
    public const string Integer = "integer";
    public const string Boolean = "boolean";
    public const string Object = "object";
    public const string Array = "array";
    public const string Guid = "guid";
    public const string Duration = "duration";
    public const string DateTime = "datetime";
    public const string Any = "any";

    /// <summary>Every type a definition may declare; publishing refuses any other.</summary>
    public static IReadOnlyList<string> All { get; } = [String, Number, Integer, Boolean, Object, Array, Guid, Duration, DateTime, Any];

    public static bool IsKnown(string? type) => type is not null && All.Contains(type, StringComparer.Ordinal);

    /// <summary>
    /// What is wrong with <paramref name="value"/> for an input of <paramref name="type"/> ("must be a string, not a
    /// number"), or null when it fits. A type this portal does not know accepts anything: such a definition could not
    /// be published today, and one published before the check keeps starting as it did. A <paramref name="secret"/>
    /// value is never quoted in the message.
    /// </summary>
    public static string? Check(string type, JsonNode value, bool secret = false)
    {
        var kind = value.GetValueKind();
        var shown = secret ? null : value;
        return type switch
        {
            String => kind == JsonValueKind.String ? null : Expected("a string", kind),
            Number => kind == JsonValueKind.Number ? null : Expected("a number", kind),
            Integer => kind == JsonValueKind.Number && IsWhole(value) ? null : Expected("a whole number", kind, shown),
            Boolean => kind is JsonValueKind.True or JsonValueKind.False ? null : Expected("true or false", kind),
            Object => kind == JsonValueKind.Object ? null : Expected("a JSON object", kind),
            Array => kind == JsonValueKind.Array ? null : Expected("a JSON array", kind),
            Guid => kind == JsonValueKind.String && System.Guid.TryParseExact(value.GetValue<string>(), "D", out _)
                ? null
                : Expected("an id like 3f2504e0-4f89-41d3-9a0c-0305e82c3301", kind, shown),
            Duration => DurationRule.TryRead(value, out _, out var reason) ? null : secret ? $"must be a duration: {DurationRule.Forms}" : reason,
            DateTime => kind == JsonValueKind.String && DateTimeOffset.TryParseExact(value.GetValue<string>(), IsoForms, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _)
                ? null
                : Expected("an ISO 8601 time like 2026-12-07T12:00:00Z", kind, shown),
            _ => null,
        };
    }

    private static readonly string[] IsoForms = ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd"];

    private static bool IsWhole(JsonNode value) =>
        Activities.JsonNumbers.TryRead(value, out var number) && Math.Floor(number) == number && !double.IsInfinity(number);

    private static string Expected(string what, JsonValueKind kind, JsonNode? value = null) =>
        kind is JsonValueKind.String or JsonValueKind.Number && value is not null
            ? $"must be {what}; {Shorten(value.ToJsonString())} is not"
            : $"must be {what}, not {Describe(kind)}";

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "true or false",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => "null",
    };

    /// <summary>A long value is cut in the message: the error is about its kind, and the value may be large.</summary>
    private static string Shorten(string json) => json.Length <= 60 ? json : json[..57] + "...";
}
