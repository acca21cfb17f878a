using System.Text.Json.Nodes;
using Portal.Domain.Validation;

namespace Portal.Workflows.Definitions.Format;

/// <summary>A text that must hold something other than white space.</summary>
public sealed class NotBlankAttribute : FormatRuleAttribute
{
    public override IEnumerable<ValidationError> Check(object value, FormatMember member)
    {
        if (value is string text && string.IsNullOrWhiteSpace(text))
        {
            yield return new ValidationError(member.Field, $"The {member.Title.ToLowerInvariant()} in {member.Owner} must not be empty.");
        }
    }

    public override void Describe(JsonObject schema, IDictionary<string, JsonObject> definitions)
    {
        schema["minLength"] = 1;
        schema["pattern"] = "\\S";
    }
}
