using Portal.Domain.Library;

namespace Portal.Data.Simulation;

/// <summary>An artifact a simulated conversion made, as stored.</summary>
public sealed class SimulatedArtifactRecord
{
    public Guid Id { get; set; }

    public Guid ImageId { get; set; }

    public Guid? ConvertedFrom { get; set; }

    public string Location { get; set; } = "";

    public DiskFormat Format { get; set; }

    public string? Sha256 { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
