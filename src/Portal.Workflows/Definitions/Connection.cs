namespace Portal.Workflows.Definitions;

/// <summary>An arrow of the flowchart: when <see cref="From"/> ends with <see cref="Outcome"/>, <see cref="To"/> runs.</summary>
public sealed record Connection(string From, string Outcome, string To);
