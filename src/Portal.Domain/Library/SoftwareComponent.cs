namespace Portal.Domain.Library;

/// <summary>A piece of software installed in the image, in install order.</summary>
public sealed record SoftwareComponent(string Name, string? Version = null);
