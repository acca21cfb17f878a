using System.Text.Json.Nodes;
using Portal.Domain.Validation;

namespace Portal.Workflows.Definitions.Format;

/// <summary>A duration that is not negative, written in .NET's TimeSpan "c" format.</summary>
public sealed class DurationAttribute : FormatRuleAttribute
{
    public const string DefinitionName = "timeSpan";

    public override IEnumerable<ValidationError> Check(object value, FormatMember member)
    {
        if (value is TimeSpan duration && duration < TimeSpan.Zero)
        {
            yield return new ValidationError(member.Field, $"{member.Title} ({member.Field}) must not be negative.");
        }
    }

    public override void Describe(JsonObject schema, IDictionary<string, JsonObject> definitions)
    {
        // The serializer's own description of TimeSpan allows a sign; the format does not.
        schema.Remove("type");
        schema.Remove("pattern");
        schema.Remove("$comment");
        schema.Insert(0, "$ref", $"#/$defs/{DefinitionName}");
        definitions.TryAdd(DefinitionName, new JsonObject
        {
            ["title"] = "Duration",
            ["description"] = "A duration as [days.]hours:minutes:seconds[.fraction], e.g. \"00:00:05\" for five seconds or \"1.00:00:00\" for a day (.NET TimeSpan \"c\" format).",
            ["type"] = "string",
            ["pattern"] = "^(\\d+\\.)?([01]?\\d|2[0-3]):[0-5]\\d:[0-5]\\d(\\.\\d{1,7})?$",
        });
    }
}
