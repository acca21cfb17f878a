using Portal.Domain.Inventory;
using Portal.Domain.Library;

namespace Portal.Web.Provisioning;

/// <summary>A physical server as the API and pages show it: never its BMC password, only whether one is set.</summary>
public sealed record PhysicalServerView(
    Guid Id, string Name, Guid PlatformId, ServerState State, int CpuCores, long MemoryMiB, IReadOnlyList<long> DisksGiB,
    IReadOnlyList<NetworkPort> Nics, CpuArchitecture Architecture, IReadOnlyList<FirmwareType> Firmware, PlatformTechnology BootTechnology,
    string? Rack, Guid? ReservationId, BmcView Bmc, string Summary)
{
    public static PhysicalServerView Of(PhysicalServer s) => new(
        s.Id, s.Name, s.PlatformId, s.State, s.Facts.CpuCores, (long)s.Facts.Memory.In(ResourceUnit.MiB).Value,
        s.Facts.Disks.Select(d => (long)d.In(ResourceUnit.GiB).Value).ToList(), s.Facts.Nics, s.Facts.Architecture, s.Facts.Firmware,
        s.BootTechnology, s.Rack, s.ReservationId, new BmcView(s.Bmc.Address, s.Bmc.UserName, s.Bmc.Password.Reveal().Length > 0, s.Bmc.CertificateSha256),
        s.Facts.Summary());
}

public sealed record BmcView(Uri Address, string UserName, bool PasswordSet, string? CertificateSha256);

/// <summary>A hypervisor host with what it offers, what is allocated and what is free.</summary>
public sealed record HypervisorHostView(
    Guid Id, string Name, Guid PlatformId, PlatformTechnology Hypervisor, string Connection, bool InMaintenance,
    HostCapacityView Capacity, HostUsage Allocated, HostUsage Free, IReadOnlyList<DiskFormat> AcceptedFormats, CpuArchitecture Architecture)
{
    public static HypervisorHostView Of(HypervisorHost h) => new(
        h.Id, h.Name, h.PlatformId, h.Hypervisor, h.Connection, h.InMaintenance,
        new HostCapacityView(h.Capacity.PhysicalCpus, h.Capacity.OvercommitRatio, h.Capacity.Vcpus, h.Capacity.MemoryMiB, h.Capacity.StorageGiB),
        h.Allocated, new HostUsage(h.FreeVcpus, h.FreeMemoryMiB, h.FreeStorageGiB), h.AcceptedFormats, h.Architecture);
}

public sealed record HostCapacityView(int PhysicalCpus, decimal OvercommitRatio, int Vcpus, long MemoryMiB, long StorageGiB);
