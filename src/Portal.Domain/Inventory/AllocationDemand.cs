using Portal.Domain.Library;

namespace Portal.Domain.Inventory;

/// <summary>What one deployment needs from the inventory, in the units allocation counts in.</summary>
public sealed record AllocationDemand(
    int Vcpus, long MemoryMiB, IReadOnlyList<long> DisksGiB, int Nics, CpuArchitecture Architecture, FirmwareType Firmware)
{
    public long StorageGiB => DisksGiB.Sum();

    public static AllocationDemand From(HardwareConfiguration hardware) => new(
        Math.Max(1, hardware.Vcpus),
        (long)Math.Ceiling(hardware.Memory.In(ResourceUnit.MiB).Value),
        hardware.OfType(ResourceType.Disk).Select(d => (long)Math.Ceiling(d.Amount.In(ResourceUnit.GiB).Value)).ToList(),
        (int)hardware.OfType(ResourceType.NetworkAdapter).Sum(n => n.Amount.Value),
        hardware.Architecture,
        hardware.Firmware);

    public override string ToString() =>
        $"{Vcpus} vCPU, {MemoryMiB} MiB, {DisksGiB.Count} disk(s) {StorageGiB} GiB, {Nics} NIC(s), {DisplayNames.Of(Architecture)}/{DisplayNames.Of(Firmware)}";
}
