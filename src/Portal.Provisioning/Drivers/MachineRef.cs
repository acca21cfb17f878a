using Portal.Domain.Inventory;
using Portal.Domain.Library;

namespace Portal.Provisioning.Drivers;

/// <summary>
/// The machine a driver acts on: its name on its hypervisor (or the physical server's name), where it lives
/// (the host, or the server with its BMC) and, once known, the hardware it was given.
/// </summary>
public sealed record MachineRef(
    PlatformKind Kind, PlatformTechnology Technology, string Name, HypervisorHost? Host, PhysicalServer? Server,
    HardwareConfiguration? Hardware = null, string? DiskLocation = null, DiskFormat? DiskFormat = null)
{
    /// <summary>The machine of a deployed server, on the host or physical server the inventory holds for it.</summary>
    public static MachineRef Of(Domain.Deployments.DeployedServer server, HypervisorHost? host, PhysicalServer? physical) => new(
        server.Kind, server.Technology, server.MachineName, host, physical, server.Hardware, server.DiskLocation, server.DiskFormat);

    public override string ToString() => Kind == PlatformKind.Virtual ? $"VM {Name} on {Host?.Name}" : $"server {Name}";
}
