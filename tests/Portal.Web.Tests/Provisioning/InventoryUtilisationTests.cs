using Portal.Domain.Inventory;
using Portal.Domain.Library;
using Portal.Web.Provisioning.Inventory;

namespace Portal.Web.Tests.Provisioning;

public sealed class InventoryUtilisationTests
{
    private static readonly Platform Kvm = Platform("KVM Frankfurt", PlatformKind.Virtual);
    private static readonly Platform VSphere = Platform("vSphere Paris", PlatformKind.Virtual);
    private static readonly Platform Rack = Platform("Rack pool A", PlatformKind.Physical);
    private static readonly Platform Edge = Platform("Edge servers", PlatformKind.Physical);

    [Fact]
    public void A_virtual_platform_adds_up_allocated_and_free_vcpus_over_its_hosts()
    {
        var utilisation = InventoryUtilisation.Of([Kvm],
            [], [Host(Kvm, cpus: 16, allocatedVcpus: 10), Host(Kvm, cpus: 8, allocatedVcpus: 2)]);

        var chart = utilisation.Vcpus;
        Assert.Equal(["KVM Frankfurt"], chart.Labels);
        Assert.Equal(12, chart.ValueOf(InventoryUtilisation.Allocated, 0));
        Assert.Equal((16 * 4) + (8 * 4) - 12, chart.ValueOf(InventoryUtilisation.Free, 0));
        Assert.Equal(96, chart.Total(0));
    }

    [Fact]
    public void Memory_is_charted_in_gib()
    {
        var utilisation = InventoryUtilisation.Of([Kvm], [], [Host(Kvm, memoryGiB: 512, allocatedMemoryMiB: 8 * 1024 + 512)]);

        Assert.Equal(8.5, utilisation.Memory.ValueOf(InventoryUtilisation.Allocated, 0));
        Assert.Equal(503.5, utilisation.Memory.ValueOf(InventoryUtilisation.Free, 0));
        Assert.Equal("GiB", utilisation.Memory.Unit);
    }

    [Fact]
    public void Storage_adds_up_the_disk_space_allocated_and_free_in_gib()
    {
        var utilisation = InventoryUtilisation.Of([Kvm], [], [Host(Kvm) with { Allocated = new HostUsage(2, 2048, 300) }]);

        Assert.Equal(300, utilisation.Storage.ValueOf(InventoryUtilisation.Allocated, 0));
        Assert.Equal(1700, utilisation.Storage.ValueOf(InventoryUtilisation.Free, 0));
    }

    [Fact]
    public void Free_room_on_a_host_in_maintenance_is_counted_apart_from_free_room_new_vms_can_use()
    {
        var utilisation = InventoryUtilisation.Of([Kvm], [],
            [Host(Kvm, cpus: 10, allocatedVcpus: 4), Host(Kvm, cpus: 10, allocatedVcpus: 6) with { InMaintenance = true }]);

        var chart = utilisation.Vcpus;
        Assert.Equal(10, chart.ValueOf(InventoryUtilisation.Allocated, 0));
        Assert.Equal(36, chart.ValueOf(InventoryUtilisation.Free, 0));
        Assert.Equal(34, chart.ValueOf(InventoryUtilisation.FreeInMaintenance, 0));
    }

    [Fact]
    public void A_physical_pool_counts_its_servers_by_state()
    {
        var utilisation = InventoryUtilisation.Of([Rack],
        [
            Server(Rack, ServerState.InUse), Server(Rack, ServerState.Deploying), Server(Rack, ServerState.Reserved),
            Server(Rack, ServerState.Available), Server(Rack, ServerState.Available), Server(Rack, ServerState.Maintenance),
            Server(Rack, ServerState.Failed),
        ], []);

        var chart = utilisation.Servers;
        Assert.Equal(
            [(InventoryUtilisation.InUse, 2d), (InventoryUtilisation.Reserved, 1d), (InventoryUtilisation.Available, 2d),
             (InventoryUtilisation.Maintenance, 1d), (InventoryUtilisation.Failed, 1d)],
            chart.Series.Select(s => (s.Name, s.Values[0])));
    }

    [Fact]
    public void Each_chart_has_one_bar_per_platform_with_inventory_in_the_platforms_order()
    {
        var utilisation = InventoryUtilisation.Of([Rack, VSphere, Kvm, Edge],
            [Server(Edge, ServerState.Available), Server(Rack, ServerState.InUse)],
            [Host(Kvm), Host(VSphere)]);

        Assert.Equal(["vSphere Paris", "KVM Frankfurt"], utilisation.Vcpus.Labels);
        Assert.Equal(["vSphere Paris", "KVM Frankfurt"], utilisation.Memory.Labels);
        Assert.Equal(["Rack pool A", "Edge servers"], utilisation.Servers.Labels);
        Assert.All(utilisation.Servers.Series, s => Assert.Equal(2, s.Values.Count));
    }

    [Fact]
    public void A_platform_without_inventory_gets_no_bar_and_an_empty_inventory_gives_empty_charts()
    {
        var utilisation = InventoryUtilisation.Of([Kvm, Rack], [], []);

        Assert.True(utilisation.Vcpus.IsEmpty, "no host, no vCPU bar");
        Assert.True(utilisation.Servers.IsEmpty, "no server, no server bar");
    }

    [Fact]
    public void Inventory_of_a_platform_that_no_longer_exists_still_counts_under_a_label_that_says_so()
    {
        var gone = Platform("Old cluster", PlatformKind.Virtual);

        var utilisation = InventoryUtilisation.Of([Kvm], [], [Host(Kvm), Host(gone)]);

        Assert.Equal(2, utilisation.Vcpus.Labels.Count);
        Assert.StartsWith("Unknown platform", utilisation.Vcpus.Labels[1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_bar_is_described_in_words_without_its_empty_segments()
    {
        var utilisation = InventoryUtilisation.Of([Kvm], [], [Host(Kvm, cpus: 10, allocatedVcpus: 4)]);

        Assert.Equal("Allocated 4 · Free 36 of 40 vCPU", utilisation.Vcpus.Describe(0));
    }

    [Theory]
    [InlineData(6, 2)]
    [InlineData(448, 100)]
    [InlineData(1792, 500)]
    [InlineData(0, 1)]
    public void The_value_axis_gets_about_five_round_steps_up_to_the_tallest_bar(int tallest, int step)
    {
        var chart = new UtilisationChart("t", "u", ["a", "b"], [new UtilisationSeries("s", [tallest / 2d, tallest])], ["#000"]);

        Assert.Equal(step, chart.TickStep());
    }

    private static Platform Platform(string name, PlatformKind kind) => new()
    {
        Id = Guid.NewGuid(),
        Name = name,
        Kind = kind,
        Technology = kind == PlatformKind.Virtual ? PlatformTechnology.Kvm : PlatformTechnology.Pxe,
        Capabilities = new PlatformCapabilities { DiskFormats = [DiskFormat.Raw] },
    };

    private static HypervisorHost Host(Platform platform, int cpus = 16, long memoryGiB = 128, int allocatedVcpus = 0, long allocatedMemoryMiB = 0) => new()
    {
        Id = Guid.NewGuid(),
        Name = $"host-{Guid.NewGuid():N}"[..12],
        PlatformId = platform.Id,
        Hypervisor = PlatformTechnology.Kvm,
        Connection = "qemu:///system",
        Capacity = new HostCapacity(cpus, 4, memoryGiB * 1024, 2000),
        Allocated = new HostUsage(allocatedVcpus, allocatedMemoryMiB, 0),
    };

    private static PhysicalServer Server(Platform platform, ServerState state) => new()
    {
        Id = Guid.NewGuid(),
        Name = $"srv-{Guid.NewGuid():N}"[..12],
        PlatformId = platform.Id,
        State = state,
        Facts = new ServerFacts
        {
            CpuCores = 16,
            Memory = new Quantity(128, ResourceUnit.GiB),
            Disks = [new Quantity(960, ResourceUnit.GiB)],
            Nics = [new NetworkPort("eno1", "b8:ca:3a:00:00:01")],
        },
        Bmc = new BmcEndpoint { Address = new Uri("https://bmc.lab"), UserName = "portal", Password = new SecretValue("x") },
    };
}
