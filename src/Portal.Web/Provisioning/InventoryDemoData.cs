using Portal.Domain.Inventory;
using Portal.Domain.Library;

namespace Portal.Web.Provisioning;

/// <summary>
/// The demo inventory behind the demo platforms (see LibraryDemoData): rack servers of a few sizes, edge boxes,
/// hypervisor hosts per cluster, one server in maintenance. Fixed ids so the demo, screenshots and tests agree.
/// </summary>
public static class InventoryDemoData
{
    public const string BmcPassword = "demo-bmc-password";

    private static readonly Guid RackPool = Guid.Parse("9a1e0000-0000-4000-8000-000000000001");
    private static readonly Guid EdgePool = Guid.Parse("9a1e0000-0000-4000-8000-000000000002");
    private static readonly Guid Kvm = Guid.Parse("9a1e0000-0000-4000-8000-000000000003");
    private static readonly Guid VSphere = Guid.Parse("9a1e0000-0000-4000-8000-000000000004");
    private static readonly Guid HyperV = Guid.Parse("9a1e0000-0000-4000-8000-000000000005");
    private static readonly Guid SimulatedVirtual = Guid.Parse("9a1e0000-0000-4000-8000-000000000006");
    private static readonly Guid SimulatedBareMetal = Guid.Parse("9a1e0000-0000-4000-8000-000000000007");

    /// <summary>The one the demo shows in maintenance mode.</summary>
    public static readonly Guid ServerInMaintenance = Guid.Parse("5e770000-0000-4000-8000-000000000006");

    public static IReadOnlyList<PhysicalServer> Servers { get; } =
    [
        Server(1, "r640-01", RackPool, 16, 128, [960, 960], "A01"),
        Server(2, "r640-02", RackPool, 16, 128, [960, 960], "A01"),
        Server(3, "r640-03", RackPool, 16, 128, [960, 960], "A02"),
        Server(4, "r750-01", RackPool, 32, 256, [1920, 1920], "A02"),
        Server(5, "r750-02", RackPool, 32, 256, [1920, 1920], "A03"),
        Server(6, "r750-07", RackPool, 64, 512, [3840, 3840], "A03"),
        Server(7, "edge-01", EdgePool, 8, 32, [480], "Lyon", PlatformTechnology.RedfishVirtualMedia),
        Server(8, "edge-02", EdgePool, 8, 32, [480], "Porto", PlatformTechnology.RedfishVirtualMedia),
        Server(9, "sim-bm-01", SimulatedBareMetal, 8, 64, [480, 480], "Sim", PlatformTechnology.Simulated),
        Server(10, "sim-bm-02", SimulatedBareMetal, 16, 128, [960, 960], "Sim", PlatformTechnology.Simulated),
        Server(11, "sim-bm-03", SimulatedBareMetal, 32, 256, [1920, 1920], "Sim", PlatformTechnology.Simulated),
    ];

    public static IReadOnlyList<HypervisorHost> Hosts { get; } =
    [
        Host(1, "kvm-fra-01", Kvm, PlatformTechnology.Kvm, "qemu+ssh://kvm-fra-01/system", 32, 512, 8000, [DiskFormat.Qcow2, DiskFormat.Raw]),
        Host(2, "kvm-fra-02", Kvm, PlatformTechnology.Kvm, "qemu+ssh://kvm-fra-02/system", 32, 512, 8000, [DiskFormat.Qcow2, DiskFormat.Raw]),
        Host(3, "kvm-fra-03", Kvm, PlatformTechnology.Kvm, "qemu+ssh://kvm-fra-03/system", 48, 768, 12000, [DiskFormat.Qcow2, DiskFormat.Raw]),
        Host(4, "esx-par-01", VSphere, PlatformTechnology.VSphere, "https://vcenter.paris.lab/sdk", 40, 768, 10000, [DiskFormat.Vmdk]),
        Host(5, "esx-par-02", VSphere, PlatformTechnology.VSphere, "https://vcenter.paris.lab/sdk", 40, 768, 10000, [DiskFormat.Vmdk]),
        Host(6, "hv-dub-01", HyperV, PlatformTechnology.HyperV, "hv-dub-01.corp.lab", 32, 384, 6000, [DiskFormat.Vhdx]),
        Host(7, "sim-host-01", SimulatedVirtual, PlatformTechnology.Simulated, "simulated://host-01", 16, 128, 2000, [DiskFormat.Qcow2, DiskFormat.Raw]),
        Host(8, "sim-host-02", SimulatedVirtual, PlatformTechnology.Simulated, "simulated://host-02", 16, 128, 2000, [DiskFormat.Qcow2, DiskFormat.Raw]),
    ];

    private static PhysicalServer Server(
        int n, string name, Guid platform, int cores, int memoryGiB, int[] disksGiB, string rack,
        PlatformTechnology boot = PlatformTechnology.Pxe) => new()
    {
        Id = Guid.Parse($"5e770000-0000-4000-8000-{n:x12}"),
        Name = name,
        PlatformId = platform,
        BootTechnology = boot,
        Rack = rack,
        Facts = new ServerFacts
        {
            CpuCores = cores,
            Memory = new Quantity(memoryGiB, ResourceUnit.GiB),
            Disks = disksGiB.Select(d => new Quantity(d, ResourceUnit.GiB)).ToList(),
            Nics = [new NetworkPort("eno1", $"b8:ca:3a:00:{n:x2}:01", 25000), new NetworkPort("eno2", $"b8:ca:3a:00:{n:x2}:02", 25000)],
        },
        Bmc = new BmcEndpoint
        {
            Address = new Uri($"https://{name}-idrac.lab"),
            UserName = "portal",
            Password = new Domain.Library.SecretValue(BmcPassword),
        },
    };

    private static HypervisorHost Host(
        int n, string name, Guid platform, PlatformTechnology hypervisor, string connection, int cpus, long memoryGiB, long storageGiB, DiskFormat[] formats) => new()
    {
        Id = Guid.Parse($"40570000-0000-4000-8000-{n:x12}"),
        Name = name,
        PlatformId = platform,
        Hypervisor = hypervisor,
        Connection = connection,
        Capacity = new HostCapacity(cpus, 4, memoryGiB * 1024, storageGiB),
        AcceptedFormats = formats,
    };
}
