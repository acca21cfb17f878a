using Portal.Domain.Inventory;
using Portal.Domain.Library;

namespace Portal.Domain.Tests.Inventory;

internal static class InventoryExamples
{
    public static PhysicalServer Server(string name, int cores, int memoryGiB, int[]? disksGiB = null, int nics = 2,
        ServerState state = ServerState.Available, CpuArchitecture arch = CpuArchitecture.X86_64, FirmwareType[]? firmware = null) => new()
    {
        Id = Guid.NewGuid(),
        Name = name,
        PlatformId = Guid.NewGuid(),
        State = state,
        Facts = new ServerFacts
        {
            CpuCores = cores,
            Memory = new Quantity(memoryGiB, ResourceUnit.GiB),
            Disks = (disksGiB ?? [480]).Select(d => new Quantity(d, ResourceUnit.GiB)).ToList(),
            Nics = Enumerable.Range(0, nics).Select(i => new NetworkPort($"eno{i + 1}", $"52:54:00:00:00:{i:x2}")).ToList(),
            Architecture = arch,
            Firmware = firmware ?? [FirmwareType.Bios, FirmwareType.Uefi],
        },
        Bmc = new BmcEndpoint { Address = new Uri("https://10.0.0.1"), UserName = "root", Password = new SecretValue("calvin") },
    };

    public static HypervisorHost Host(string name, int cpus, long memoryGiB, long storageGiB, HostUsage? used = null, decimal ratio = 4, bool maintenance = false) => new()
    {
        Id = Guid.NewGuid(),
        Name = name,
        PlatformId = Guid.NewGuid(),
        Hypervisor = PlatformTechnology.Kvm,
        Connection = $"qemu+ssh://{name}/system",
        Capacity = new HostCapacity(cpus, ratio, memoryGiB * 1024, storageGiB),
        Allocated = used ?? HostUsage.None,
        InMaintenance = maintenance,
    };

    public static AllocationDemand Demand(int vcpus, long memoryGiB, long[]? disksGiB = null, int nics = 1, FirmwareType firmware = FirmwareType.Bios) =>
        new(vcpus, memoryGiB * 1024, disksGiB ?? [40], nics, CpuArchitecture.X86_64, firmware);
}
