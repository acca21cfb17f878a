using Portal.Domain.Library;
using Portal.Provisioning.Libvirt;

namespace Portal.Provisioning.Tests.Libvirt;

/// <summary>
/// Hardware and specs the libvirt tests share. The hardware is in the reader's canonical order (processor, memory,
/// disks, adapters) with every bus and network named, so a round trip can compare it whole.
/// </summary>
internal static class SampleDomains
{
    public static HardwareConfiguration Hardware(
        FirmwareType firmware = FirmwareType.Bios, CpuArchitecture architecture = CpuArchitecture.X86_64, DiskBus secondBus = DiskBus.Sata) =>
        new(
            [
                new ConcreteResource(ResourceType.Processor, new Quantity(2, ResourceUnit.Count)),
                new ConcreteResource(ResourceType.Memory, new Quantity(4, ResourceUnit.GiB)),
                new ConcreteResource(ResourceType.Disk, new Quantity(20, ResourceUnit.GiB), DiskBus.Virtio),
                new ConcreteResource(ResourceType.Disk, new Quantity(512, ResourceUnit.MiB), secondBus),
                new ConcreteResource(ResourceType.NetworkAdapter, new Quantity(1, ResourceUnit.Count), Network: "default"),
                new ConcreteResource(ResourceType.NetworkAdapter, new Quantity(2, ResourceUnit.Count), Network: "lan"),
            ],
            architecture,
            firmware);

    public static LibvirtDomainSpec Spec(string name, HardwareConfiguration? hardware = null, string domainType = "test") => new()
    {
        Name = name,
        Uuid = Guid.NewGuid(),
        Hardware = hardware ?? Hardware(),
        Disks =
        [
            new LibvirtDisk { Path = $"/var/lib/libvirt/images/{name}-system.qcow2", Format = DiskFormat.Qcow2 },
            new LibvirtDisk { Path = $"/var/lib/libvirt/images/{name}-data.raw", Format = DiskFormat.Raw },
        ],
        DomainType = domainType,
    };

    /// <summary>A name no other test uses, so tests sharing one in-process test hypervisor do not meet.</summary>
    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];
}
