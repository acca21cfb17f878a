using Portal.Domain.Library;
using Portal.Provisioning.Drivers;

namespace Portal.Provisioning.Simulation;

/// <summary>
/// A machine as the simulated datacenter keeps it — a VM on a simulated host, or a bare-metal server's disk — with
/// what was created, written, configured and powered. One row in the portal database, the same for every node.
/// </summary>
public sealed record SimulatedMachine(string Name, HardwareConfiguration? Hardware, string DiskLocation, DiskFormat DiskFormat)
{
    public PlatformKind Kind { get; init; } = PlatformKind.Virtual;

    /// <summary>The hypervisor host a VM lives on (null for bare metal).</summary>
    public string? Host { get; init; }

    public Guid? WrittenArtifact { get; init; }

    public string? WrittenSha256 { get; init; }

    public bool Configured { get; init; }

    public bool PoweredOn { get; init; }

    public PowerAction? LastPowerAction { get; init; }

    /// <summary>The row's version: a change is written only over the version it was made from (Guid.Empty: a new machine).</summary>
    public Guid Revision { get; init; }
}
