using Portal.Domain.Inventory;

namespace Portal.Provisioning.Drivers;

/// <summary>The inventory of one platform: its hypervisor hosts (virtual) or physical servers (bare metal).</summary>
public sealed record PlatformMembers(IReadOnlyList<HypervisorHost> Hosts, IReadOnlyList<PhysicalServer> Servers)
{
    public static PlatformMembers None { get; } = new([], []);
}
