namespace Portal.Workflows.Persistence;

/// <summary>One version of a definition in its history: the draft (version 0) or a published one, who saved it, when, and why.</summary>
public sealed record DefinitionVersion(int Version, bool IsPublished, string? SavedBy, DateTimeOffset SavedAt, string? Comment, long Revision);
