using Portal.Domain.Library;

namespace Portal.Provisioning.Simulation;

/// <summary>An artifact the simulated library storage holds because a conversion made it.</summary>
public sealed record SimulatedArtifact(Guid Id, Guid ImageId, Guid? ConvertedFrom, Uri Location, DiskFormat Format, string? Sha256, DateTimeOffset CreatedAt);
