namespace Portal.Domain.Library;

/// <summary>One reason an image cannot go to a platform, with the fact that decided it.</summary>
public sealed record CompatibilityReason(CompatibilityIssue Issue, string Message);
