using System.Text.Json.Nodes;
using Portal.Domain.Validation;

namespace Portal.Workflows.Definitions.Format;

/// <summary>A whole number no smaller than <see cref="Minimum"/>.</summary>
public sealed class AtLeastAttribute(int minimum) : FormatRuleAttribute
{
    public int Minimum { get; } = minimum;

    public override IEnumerable<ValidationError> Check(object value, FormatMember member)
    {
        if (value is int number && number < Minimum)
        {
            yield return new ValidationError(member.Field, $"{member.Title} ({member.Field}) must be at least {Minimum}, not {number}: {member.Description}");
        }
    }

    public override void Describe(JsonObject schema, IDictionary<string, JsonObject> definitions) => schema["minimum"] = Minimum;
}
