namespace Portal.Web.Workflows;

/// <summary>The optional body of a publish: the version comment.</summary>
public sealed record PublishRequest(string? Comment);
