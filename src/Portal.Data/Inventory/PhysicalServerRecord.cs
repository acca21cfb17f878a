using Portal.Domain.Inventory;

namespace Portal.Data.Inventory;

/// <summary>A physical server as stored: what allocation filters on as columns, the rest as JSON, the BMC password protected.</summary>
public sealed class PhysicalServerRecord
{
    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    public Guid PlatformId { get; set; }

    public ServerState State { get; set; }

    public Guid? ReservationId { get; set; }

    /// <summary>Why the portal took the server out of the pool (a failed or timed-out image write); cleared when it comes back.</summary>
    public string? StateReason { get; set; }

    public int CpuCores { get; set; }

    public long MemoryMiB { get; set; }

    public string Document { get; set; } = "";

    /// <summary>The BMC password, encrypted with the portal's data-protection keys.</summary>
    public string ProtectedBmcPassword { get; set; } = "";

    public Guid Revision { get; set; }
}
