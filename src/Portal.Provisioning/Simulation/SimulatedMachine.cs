using Portal.Domain.Library;
using Portal.Provisioning.Drivers;

namespace Portal.Provisioning.Simulation;

/// <summary>A machine as the simulated datacenter keeps it: what was created, written, configured and powered.</summary>
public sealed record SimulatedMachine(string Name, HardwareConfiguration? Hardware, string DiskLocation, DiskFormat DiskFormat)
{
    public Guid? WrittenArtifact { get; init; }

    public string? WrittenSha256 { get; init; }

    public bool Configured { get; init; }

    public bool PoweredOn { get; init; }

    public PowerAction? LastPowerAction { get; init; }
}
