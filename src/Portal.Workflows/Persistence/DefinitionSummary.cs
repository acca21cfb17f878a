namespace Portal.Workflows.Persistence;

/// <summary>One definition in a list: its latest published version and whether a draft is pending.</summary>
public sealed record DefinitionSummary(string Id, string Name, int? LatestVersion, bool HasDraft, IReadOnlyList<int> Versions);
