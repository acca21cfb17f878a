using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Portal.Domain.Validation;

namespace Portal.Workflows.Definitions.Format;

/// <summary>An id of a workflow or an activity: a letter, then letters, digits, '.', '_' or '-'.</summary>
public sealed partial class IdentifierAttribute : FormatRuleAttribute
{
    /// <summary>The pattern as the JSON Schema states it (ECMA-262, where <c>$</c> is the end of the input).</summary>
    public const string Pattern = "^[A-Za-z][A-Za-z0-9._-]*$";

    public const string DefinitionName = "identifier";

    public static bool IsValid(string? id) => id is not null && IdPattern().IsMatch(id);

    public override IEnumerable<ValidationError> Check(object value, FormatMember member)
    {
        if (value is string id && !IsValid(id))
        {
            yield return new ValidationError(
                member.Field,
                $"{member.Title} '{id}' must start with a letter and contain only letters, digits, '.', '_' and '-'.");
        }
    }

    public override void Describe(JsonObject schema, IDictionary<string, JsonObject> definitions)
    {
        schema.Remove("type");
        schema.Insert(0, "$ref", $"#/$defs/{DefinitionName}");
        definitions.TryAdd(DefinitionName, new JsonObject
        {
            ["title"] = "Identifier",
            ["description"] = "An id of a workflow or an activity: a letter, then letters, digits, '.', '_' or '-'.",
            ["type"] = "string",
            ["pattern"] = Pattern,
        });
    }

    /// <summary>The same pattern with <c>\z</c>: in .NET, <c>$</c> would also accept a trailing newline.</summary>
    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9._-]*\z")]
    private static partial Regex IdPattern();
}
