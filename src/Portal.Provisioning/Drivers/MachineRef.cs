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
    public override string ToString() => Kind == PlatformKind.Virtual ? $"VM {Name} on {Host?.Name}" : $"server {Name}";
}
