namespace Portal.Domain.Inventory;

/// <summary>
/// What a hypervisor host offers. CPUs are overcommitted by a ratio (idle vCPUs cost little); memory and
/// storage are not, because running out of either stops guests rather than slowing them.
/// </summary>
public sealed record HostCapacity(int PhysicalCpus, decimal OvercommitRatio, long MemoryMiB, long StorageGiB)
{
    public int Vcpus => (int)Math.Floor(PhysicalCpus * OvercommitRatio);
}
