using Portal.Domain.Library;
using Portal.Provisioning.Drivers;

namespace Portal.Data.Simulation;

/// <summary>A simulated machine as stored; the hardware as JSON, the rest as columns.</summary>
public sealed class SimulatedMachineRecord
{
    public string Name { get; set; } = "";

    public PlatformKind Kind { get; set; }

    public string? Host { get; set; }

    public string? Hardware { get; set; }

    public string DiskLocation { get; set; } = "";

    public DiskFormat DiskFormat { get; set; }

    public Guid? WrittenArtifact { get; set; }

    public string? WrittenSha256 { get; set; }

    public bool Configured { get; set; }

    public bool PoweredOn { get; set; }

    public PowerAction? LastPowerAction { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The node whose act changed it last.</summary>
    public string UpdatedBy { get; set; } = "";

    public Guid Revision { get; set; }
}
