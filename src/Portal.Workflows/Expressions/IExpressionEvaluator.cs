using System.Text.Json.Nodes;

namespace Portal.Workflows.Expressions;

/// <summary>Evaluates the JavaScript expressions of activity inputs in a sandbox.</summary>
public interface IExpressionEvaluator
{
    /// <summary>The expression's value as JSON; throws <see cref="ExpressionException"/> on any failure.</summary>
    JsonNode? Evaluate(string expression, ExpressionScope scope);

    /// <summary>Null when the expression parses; otherwise why not (for validation at publish time).</summary>
    string? CheckSyntax(string expression);
}
