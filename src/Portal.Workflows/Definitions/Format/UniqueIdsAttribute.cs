using System.Collections;
using System.Text.Json.Nodes;
using Portal.Domain.Validation;

namespace Portal.Workflows.Definitions.Format;

/// <summary>
/// A list whose items carry an id (the member named <paramref name="idMember"/>, as the JSON names it) unique within
/// the list. JSON Schema cannot say so; the schema says it in a comment and the reader checks it.
/// </summary>
public sealed class UniqueIdsAttribute(string idMember) : FormatRuleAttribute
{
    public string IdMember { get; } = idMember;

    public override IEnumerable<ValidationError> Check(object value, FormatMember member)
    {
        if (value is not IEnumerable items)
        {
            yield break;
        }

        var firstUse = new Dictionary<string, string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var item in items)
        {
            var path = $"{member.Field}[{index++}]";
            if (item is null || WorkflowDefinitionFormat.Member(item, IdMember) is not (string id, var title) || !IdentifierAttribute.IsValid(id))
            {
                // A missing or malformed id is reported by the item's own rules.
                continue;
            }

            if (!firstUse.TryAdd(id, path))
            {
                yield return new ValidationError($"{path}.{IdMember}", $"{title} '{id}' is used more than once (first by {firstUse[id]}); ids must be unique.");
            }
        }
    }

    public override void Describe(JsonObject schema, IDictionary<string, JsonObject> definitions) =>
        schema["$comment"] = $"Each item's '{IdMember}' is unique within the list; the portal checks it.";
}
