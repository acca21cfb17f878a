namespace Portal.Workflows.Expressions;

/// <summary>An expression that did not parse, threw, or broke a sandbox limit. The message says which.</summary>
public sealed class ExpressionException(string message, Exception? inner = null) : Exception(message, inner);
