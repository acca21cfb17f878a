using System.Text.Json.Nodes;
using Portal.Domain.Validation;

namespace Portal.Workflows.Definitions.Format;

/// <summary>
/// A duration, read by the one <see cref="DurationRule"/> (<see cref="DurationJsonConverter"/>): a number of seconds
/// or a text in one of its forms. The portal writes the clock form. The reader already refuses a negative value;
/// the check stays for records built in code.
/// </summary>
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
        // The converter is opaque to the exporter; the forms are the duration rule's.
        schema.Remove("type");
        schema.Remove("pattern");
        schema.Remove("$comment");
        schema.Insert(0, "$ref", $"#/$defs/{DefinitionName}");
        definitions.TryAdd(DefinitionName, new JsonObject
        {
            ["title"] = "Duration",
            ["description"] = $"A duration, as everywhere in the portal: {DurationRule.Forms}. A bare number is seconds, never days. The portal writes [days.]hours:minutes:seconds, e.g. \"00:00:05\" for five seconds or \"1.00:00:00\" for a day.",
            ["anyOf"] = new JsonArray(
                new JsonObject { ["type"] = "number", ["minimum"] = 0 },
                new JsonObject { ["type"] = "string", ["pattern"] = DurationRule.SchemaPattern }),
        });
    }
}
