using System.Text.Json.Nodes;
using Portal.Workflows.Definitions;

namespace Portal.Web.Designer.Viewer;

/// <summary>
/// Masks an activity's output before the viewer shows it, by the rules the engine applies to journal inputs: an
/// activity whose input expressions read a secret workflow input or variable may carry it into its output, so its
/// whole output shows only the mask; so does a SetVariable that sets a secret variable; and anywhere in an output, a
/// field named like a password or a secret shows only the mask.
/// </summary>
public static class OutputMasking
{
    public const string Mask = Portal.Domain.Library.SecretValue.Mask;

    public static JsonNode? Masked(JsonNode? output, ActivityNode activity, WorkflowDefinition definition)
    {
        if (output is null)
        {
            return null;
        }

        if (ReadsSecret(activity, definition) || SetsSecret(activity, definition))
        {
            return Mask;
        }

        return MaskNamed(output.DeepClone());
    }

    /// <summary>Whether a field of this name holds a secret, whatever activity wrote it.</summary>
    public static bool IsSecretName(string name) =>
        name.Contains("password", StringComparison.OrdinalIgnoreCase) || name.Contains("secret", StringComparison.OrdinalIgnoreCase);

    private static bool ReadsSecret(ActivityNode activity, WorkflowDefinition definition)
    {
        var secrets = definition.Inputs.Where(i => i.Secret).Select(i => i.Name)
            .Concat(definition.Variables.Where(v => v.Secret).Select(v => v.Name))
            .ToList();
        return secrets.Count > 0 && activity.Inputs.Values.Any(input =>
            input.Expression is { } expression && secrets.Any(secret => expression.Contains(secret, StringComparison.Ordinal)));
    }

    private static bool SetsSecret(ActivityNode activity, WorkflowDefinition definition) =>
        activity.Type == "SetVariable"
        && activity.Inputs.TryGetValue("variable", out var variable)
        && (variable.Expression is not null
            || (variable.Value is JsonValue name && name.TryGetValue<string>(out var text) && definition.Variables.Any(v => v.Secret && v.Name == text)));

    /// <summary>Replaces, in place, every field named like a secret with the mask, at any depth.</summary>
    private static JsonNode MaskNamed(JsonNode node)
    {
        if (node is JsonObject obj)
        {
            foreach (var (name, child) in obj.ToList())
            {
                if (IsSecretName(name))
                {
                    obj[name] = Mask;
                }
                else if (child is not null)
                {
                    MaskNamed(child);
                }
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var item in array)
            {
                if (item is not null)
                {
                    MaskNamed(item);
                }
            }
        }

        return node;
    }
}
