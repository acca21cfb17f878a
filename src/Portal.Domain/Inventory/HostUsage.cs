namespace Portal.Domain.Inventory;

/// <summary>What is allocated on a host (held and committed reservations together).</summary>
public sealed record HostUsage(int Vcpus, long MemoryMiB, long StorageGiB)
{
    public static readonly HostUsage None = new(0, 0, 0);

    public HostUsage Plus(int vcpus, long memoryMiB, long storageGiB) => new(Vcpus + vcpus, MemoryMiB + memoryMiB, StorageGiB + storageGiB);
}
