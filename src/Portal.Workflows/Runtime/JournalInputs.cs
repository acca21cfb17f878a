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

        var secrets = context.Definition.Inputs.Where(i => i.Secret).Select(i => i.Name)
            .Concat(context.Definition.Variables.Where(v => v.Secret).Select(v => v.Name)).ToList();
        var result = new JsonObject();
        foreach (var (name, value) in context.EvaluatedInputs)
        {
            var expression = context.Node.Inputs.TryGetValue(name, out var input) ? input.Expression : null;
            var secret = name.Contains("password", StringComparison.OrdinalIgnoreCase)
                         || name.Contains("secret", StringComparison.OrdinalIgnoreCase)
                         || (expression is not null && secrets.Any(s => expression.Contains(s, StringComparison.Ordinal)));
            result[name] = secret ? Mask : value?.DeepClone();
        }

        return result;
    }
}
