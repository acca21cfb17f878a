using Portal.Domain.Inventory;

namespace Portal.Data.Inventory;

public sealed class ReservationRecord
{
    public Guid Id { get; set; }

    public string Key { get; set; } = "";

    public Guid DeploymentId { get; set; }

    public Placement Kind { get; set; }

    public Guid? ServerId { get; set; }

    public Guid? HostId { get; set; }

    public int Vcpus { get; set; }

    public long MemoryMiB { get; set; }

    public long StorageGiB { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }
}
