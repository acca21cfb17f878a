using System.Text.Json.Nodes;

namespace Portal.Workflows.Expressions;

/// <summary>
/// What an expression may read: the workflow's inputs, its variables and the outputs of activities that
/// already ran (by activity id). Expressions see JSON values only; they cannot reach .NET objects.
/// </summary>
public sealed record ExpressionScope(JsonObject Inputs, JsonObject Variables, JsonObject Outputs);
