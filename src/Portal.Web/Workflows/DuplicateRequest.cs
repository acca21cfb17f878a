namespace Portal.Web.Workflows;

/// <summary>The body of a duplicate: the copy's id and, optionally, its name (default: the original's name with "(copy)").</summary>
public sealed record DuplicateRequest(string Id, string? Name);
