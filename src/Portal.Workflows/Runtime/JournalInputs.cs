using System.Text.Json.Nodes;
using Portal.Workflows.Activities;

namespace Portal.Workflows.Runtime;

/// <summary>
/// The inputs an execution evaluated, for its journal line, with secrets masked: an input whose expression
/// reads a secret workflow input or variable, and any input named like a password, shows only the mask.
/// </summary>
internal static class JournalInputs
{
    public const string Mask = Portal.Domain.Library.SecretValue.Mask;

    public static JsonObject? Masked(ActivityContext context)
    {
        if (context.EvaluatedInputs.Count == 0)
        {
            return null;
        }

        var definition = context.Definition;
        var result = new JsonObject();
        foreach (var (name, value) in context.EvaluatedInputs)
        {
            var expression = context.Node.Inputs.TryGetValue(name, out var input) ? input.Expression : null;
            var secret = name.Contains("password", StringComparison.OrdinalIgnoreCase)
                         || name.Contains("secret", StringComparison.OrdinalIgnoreCase)
                         || (expression is not null && ReadsSecret(definition, expression));
            // The evaluated value belongs to this execution alone; a node an activity put elsewhere has a parent.
            result[name] = secret ? Mask : value is { Parent: null } ? value : value?.DeepClone();
        }

        return result;
    }

    private static bool ReadsSecret(Definitions.WorkflowDefinition definition, string expression)
    {
        foreach (var input in definition.Inputs)
        {
            if (input.Secret && expression.Contains(input.Name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        foreach (var variable in definition.Variables)
        {
            if (variable.Secret && expression.Contains(variable.Name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
