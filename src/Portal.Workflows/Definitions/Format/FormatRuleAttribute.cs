using System.Text.Json.Nodes;
using Portal.Domain.Validation;

namespace Portal.Workflows.Definitions.Format;

/// <summary>
/// A rule on a member of the definition format, stated once: the reader checks it (<see cref="Check"/>) and the
/// JSON Schema is generated with it (<see cref="Describe"/>), so the two cannot drift apart.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false, AllowMultiple = false)]
public abstract class FormatRuleAttribute : Attribute
{
    /// <summary>What is wrong with a member's value (never null: missing members are reported before), in words for an admin.</summary>
    public abstract IEnumerable<ValidationError> Check(object value, FormatMember member);

    /// <summary>Adds the rule to the member's schema; shared definitions (<c>$defs</c>) go to <paramref name="definitions"/>.</summary>
    public abstract void Describe(JsonObject schema, IDictionary<string, JsonObject> definitions);
}
