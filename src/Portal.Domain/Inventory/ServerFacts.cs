using Portal.Domain.Library;

namespace Portal.Domain.Inventory;

/// <summary>The hardware a physical server has: what allocation compares a deployment's configuration with.</summary>
public sealed record ServerFacts
{
    public required int CpuCores { get; init; }

    public required Quantity Memory { get; init; }

    public required IReadOnlyList<Quantity> Disks { get; init; }

    public required IReadOnlyList<NetworkPort> Nics { get; init; }

    public CpuArchitecture Architecture { get; init; } = CpuArchitecture.X86_64;

    /// <summary>The firmware modes it can boot in; most servers since 2015 do both.</summary>
    public IReadOnlyList<FirmwareType> Firmware { get; init; } = [FirmwareType.Bios, FirmwareType.Uefi];

    public Quantity TotalDisk => new Quantity(Disks.Sum(d => d.Normalized), ResourceUnit.Byte).In(ResourceUnit.GiB);

    /// <summary>
    /// The server's hardware in the metamodel's terms, as a capture reads it: every core, all memory, each disk
    /// (SATA: what a physical controller presents) and its NICs, booted in <paramref name="firmware"/>.
    /// </summary>
    public HardwareConfiguration AsHardware(FirmwareType firmware) => new(
        [
            new ConcreteResource(ResourceType.Processor, new Quantity(CpuCores, ResourceUnit.Count)),
            new ConcreteResource(ResourceType.Memory, Memory.In(ResourceUnit.MiB)),
            .. Disks.Select(d => new ConcreteResource(ResourceType.Disk, d.In(ResourceUnit.GiB), DiskBus.Sata)),
            new ConcreteResource(ResourceType.NetworkAdapter, new Quantity(Nics.Count, ResourceUnit.Count), Network: "default"),
        ],
        Architecture, firmware);

    public string Summary() =>
        $"{CpuCores} cores, {Memory.In(ResourceUnit.GiB)}, {Disks.Count} disk(s) {TotalDisk}, {Nics.Count} NIC(s), {DisplayNames.Of(Architecture)}";
}
