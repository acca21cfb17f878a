using System.Text.Json.Nodes;

namespace Portal.Workflows.Definitions.Diff;

/// <summary>
/// Compares two versions of a definition as their public JSON, so every field the format carries (including members
/// a newer portal wrote and this one keeps) is compared, named as the format names it, without a list kept by hand.
/// Activities are matched by id and connections by (from, outcome, to): a renamed id is one removal and one addition.
/// </summary>
public static class DefinitionDiff
{
    private static readonly string[] Keyed = ["inputs", "variables"];

    public static DefinitionDifference Compare(WorkflowDefinition before, WorkflowDefinition after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var oldJson = ToJson(before);
        var newJson = ToJson(after);

        var definitionFields = new List<string>();
        foreach (var key in Keys(oldJson, newJson).Where(k => k is not "activities" and not "connections"))
        {
            if (Keyed.Contains(key))
            {
                definitionFields.AddRange(CompareByName(key, oldJson[key] as JsonArray, newJson[key] as JsonArray));
            }
            else if (!JsonNode.DeepEquals(oldJson[key], newJson[key]))
            {
                definitionFields.Add(key);
            }
        }

        var oldActivities = Activities(before, oldJson);
        var newActivities = Activities(after, newJson);
        var changed = new List<ActivityChange>();
        foreach (var (node, json) in newActivities.Values)
        {
            if (oldActivities.TryGetValue(node.Id, out var old))
            {
                var fields = CompareActivity(old.Json, json);
                if (fields.Count > 0)
                {
                    changed.Add(new ActivityChange(node.Id, old.Node, node, fields));
                }
            }
        }

        var oldConnections = before.Connections.ToHashSet();
        var newConnections = after.Connections.ToHashSet();
        return new DefinitionDifference(
            definitionFields,
            [.. after.Activities.Where(a => !oldActivities.ContainsKey(a.Id))],
            [.. before.Activities.Where(a => !newActivities.ContainsKey(a.Id))],
            changed,
            [.. after.Connections.Where(c => !oldConnections.Contains(c)).Distinct()],
            [.. before.Connections.Where(c => !newConnections.Contains(c)).Distinct()]);
    }

    private static JsonObject ToJson(WorkflowDefinition definition) => JsonNode.Parse(WorkflowDefinitionJson.Write(definition))!.AsObject();

    private static Dictionary<string, (ActivityNode Node, JsonObject Json)> Activities(WorkflowDefinition definition, JsonObject json)
    {
        // The format writes activities in order, so the i-th JSON object is the i-th node. Ids are unique in a valid
        // definition; a draft may repeat one, and then the first wins (the validator reports the repeat).
        var array = json["activities"]!.AsArray();
        var byId = new Dictionary<string, (ActivityNode, JsonObject)>(StringComparer.Ordinal);
        for (var i = 0; i < definition.Activities.Count; i++)
        {
            byId.TryAdd(definition.Activities[i].Id, (definition.Activities[i], array[i]!.AsObject()));
        }

        return byId;
    }

    private static List<string> CompareActivity(JsonObject before, JsonObject after)
    {
        var fields = new List<string>();
        foreach (var key in Keys(before, after))
        {
            if (key == "inputs")
            {
                var oldInputs = before[key] as JsonObject;
                var newInputs = after[key] as JsonObject;
                fields.AddRange(Keys(oldInputs, newInputs).Where(name => !JsonNode.DeepEquals(oldInputs?[name], newInputs?[name])).Select(name => $"inputs.{name}"));
            }
            else if (!JsonNode.DeepEquals(before[key], after[key]))
            {
                fields.Add(key);
            }
        }

        return fields;
    }

    private static IEnumerable<string> CompareByName(string key, JsonArray? before, JsonArray? after)
    {
        static Dictionary<string, JsonNode> ByName(JsonArray? array) =>
            (array ?? []).OfType<JsonObject>().GroupBy(o => (string?)o["name"] ?? "").ToDictionary(g => g.Key, g => (JsonNode)g.First(), StringComparer.Ordinal);

        var old = ByName(before);
        var now = ByName(after);
        return old.Keys.Union(now.Keys, StringComparer.Ordinal)
            .Where(name => !JsonNode.DeepEquals(old.GetValueOrDefault(name), now.GetValueOrDefault(name)))
            .Select(name => $"{key}.{name}");
    }

    /// <summary>The members of both objects, those of <paramref name="before"/> first, each once.</summary>
    private static IEnumerable<string> Keys(JsonObject? before, JsonObject? after) =>
        (before?.Select(p => p.Key) ?? []).Union(after?.Select(p => p.Key) ?? [], StringComparer.Ordinal);
}
