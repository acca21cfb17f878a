using Portal.Domain.Library;

namespace Portal.Data.Inventory;

/// <summary>
/// A hypervisor host as stored. Capacity and allocated totals are columns so that a reservation is one
/// conditional UPDATE (allocated + demand ≤ capacity): the database, not the caller, refuses an overbooking.
/// </summary>
public sealed class HypervisorHostRecord
{
    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    public Guid PlatformId { get; set; }

    public PlatformTechnology Hypervisor { get; set; }

    public bool InMaintenance { get; set; }

    public int CapacityVcpus { get; set; }

    public long CapacityMemoryMiB { get; set; }

    public long CapacityStorageGiB { get; set; }

    public int AllocatedVcpus { get; set; }

    public long AllocatedMemoryMiB { get; set; }

    public long AllocatedStorageGiB { get; set; }

    public string Document { get; set; } = "";
}
