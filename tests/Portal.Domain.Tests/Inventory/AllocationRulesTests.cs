using Portal.Domain.Inventory;
using Portal.Domain.Library;
using static Portal.Domain.Tests.Inventory.InventoryExamples;

namespace Portal.Domain.Tests.Inventory;

public sealed class AllocationRulesTests
{
    [Fact]
    public void The_smallest_physical_server_that_fits_is_taken_first()
    {
        var big = Server("big", 64, 512);
        var small = Server("small", 8, 32);
        var middle = Server("middle", 16, 64);

        var ranked = AllocationRules.RankServers([big, small, middle], Demand(12, 48));

        Assert.Equal(["middle", "big"], ranked.Select(s => s.Name));
    }

    [Fact]
    public void Equal_cores_are_ranked_by_memory_then_name()
    {
        var ranked = AllocationRules.RankServers(
            [Server("b", 16, 128), Server("a", 16, 128), Server("c", 16, 64)], Demand(4, 8));

        Assert.Equal(["c", "a", "b"], ranked.Select(s => s.Name));
    }

    [Theory]
    [InlineData(ServerState.Reserved, "it is reserved")]
    [InlineData(ServerState.InUse, "it is in use")]
    [InlineData(ServerState.Maintenance, "it is in maintenance")]
    [InlineData(ServerState.Failed, "it is failed")]
    [InlineData(ServerState.Deploying, "it is deploying")]
    public void A_server_that_is_not_available_never_fits_and_the_reason_says_its_state_in_words(ServerState state, string reason)
    {
        var reasons = AllocationRules.WhyNot(Server("s", 64, 512, state: state), Demand(1, 1));

        Assert.Contains(reason, reasons);
    }

    [Fact]
    public void Every_reason_a_server_does_not_fit_is_listed()
    {
        var server = Server("tiny", 2, 4, disksGiB: [100], nics: 1, arch: CpuArchitecture.Aarch64, firmware: [FirmwareType.Bios]);

        var reasons = AllocationRules.WhyNot(server, Demand(4, 8, [200, 50], nics: 2, firmware: FirmwareType.Uefi));

        Assert.Equal(6, reasons.Count);
        Assert.Contains("it is ARM64, the image needs x86-64", reasons);
        Assert.Contains("it cannot boot UEFI", reasons);
        Assert.Contains(reasons, r => r.StartsWith("2 cores", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.StartsWith("4096 MiB", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Contains("cannot hold 200 GiB + 50 GiB", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.StartsWith("1 NIC", StringComparison.Ordinal));
    }

    [Fact]
    public void Each_disk_needs_a_physical_disk_of_its_own_large_enough()
    {
        var twoSmallDisks = Server("two", 8, 32, disksGiB: [100, 100]);
        var oneBigDisk = Server("one", 8, 32, disksGiB: [1000]);

        Assert.Empty(AllocationRules.WhyNot(twoSmallDisks, Demand(1, 1, [90, 80])));
        Assert.NotEmpty(AllocationRules.WhyNot(twoSmallDisks, Demand(1, 1, [150])));
        Assert.NotEmpty(AllocationRules.WhyNot(oneBigDisk, Demand(1, 1, [10, 10])));
    }

    [Fact]
    public void The_host_left_with_the_most_free_memory_is_taken_first_so_load_spreads()
    {
        var busy = Host("kvm01", 32, 256, 4000, used: new HostUsage(10, 200 * 1024, 100));
        var idle = Host("kvm02", 32, 256, 4000);
        var half = Host("kvm03", 32, 256, 4000, used: new HostUsage(10, 128 * 1024, 100));

        var ranked = AllocationRules.RankHosts([busy, idle, half], Demand(4, 16));

        Assert.Equal(["kvm02", "kvm03", "kvm01"], ranked.Select(h => h.Name));
    }

    [Fact]
    public void Vcpus_are_overcommitted_by_the_hosts_ratio_but_memory_and_storage_are_not()
    {
        var host = Host("kvm01", 8, 64, 500, ratio: 4, used: new HostUsage(30, 0, 0));

        Assert.Empty(AllocationRules.WhyNot(host, Demand(2, 64, [500])));
        Assert.Contains("2 vCPU free, 3 needed", AllocationRules.WhyNot(host, Demand(3, 1)));
        Assert.Contains(AllocationRules.WhyNot(host, Demand(1, 65)), r => r.Contains("memory free", StringComparison.Ordinal));
        Assert.Contains(AllocationRules.WhyNot(host, Demand(1, 1, [501])), r => r.Contains("storage free", StringComparison.Ordinal));
    }

    [Fact]
    public void A_host_in_maintenance_gets_nothing()
    {
        Assert.Empty(AllocationRules.RankHosts([Host("kvm01", 64, 512, 8000, maintenance: true)], Demand(1, 1)));
    }

    [Fact]
    public void Demand_is_read_from_a_concrete_hardware_configuration_in_allocation_units()
    {
        var hardware = new HardwareConfiguration(
            [
                new ConcreteResource(ResourceType.Processor, new Quantity(4, ResourceUnit.Count)),
                new ConcreteResource(ResourceType.Memory, new Quantity(8, ResourceUnit.GiB)),
                new ConcreteResource(ResourceType.Disk, new Quantity(40, ResourceUnit.GiB)),
                new ConcreteResource(ResourceType.Disk, new Quantity(512, ResourceUnit.MiB)),
                new ConcreteResource(ResourceType.NetworkAdapter, new Quantity(1, ResourceUnit.Count)),
            ],
            CpuArchitecture.X86_64, FirmwareType.Uefi);

        var demand = AllocationDemand.From(hardware);

        Assert.Equal(new AllocationDemand(4, 8192, [40, 1], 1, CpuArchitecture.X86_64, FirmwareType.Uefi).ToString(), demand.ToString());
        Assert.Equal(41, demand.StorageGiB);
    }

    [Theory]
    [InlineData(Placement.Physical, null, new[] { PlatformKind.Physical })]
    [InlineData(Placement.Virtual, null, new[] { PlatformKind.Virtual })]
    [InlineData(Placement.Any, null, new[] { PlatformKind.Virtual, PlatformKind.Physical })]
    [InlineData(Placement.Any, PlatformKind.Physical, new[] { PlatformKind.Physical, PlatformKind.Virtual })]
    public void Placement_decides_which_kinds_are_tried_and_in_what_order(Placement placement, PlatformKind? preferred, PlatformKind[] expected)
    {
        Assert.Equal(expected, AllocationRules.Order(placement, preferred));
    }

    [Fact]
    public void A_server_with_a_malformed_mac_or_no_bmc_user_is_invalid_with_field_keys()
    {
        var server = Server("s", 8, 32) with { Bmc = new BmcEndpoint { Address = new Uri("ftp://x"), UserName = " ", Password = new SecretValue("p") } };
        server = server with { Facts = server.Facts with { Nics = [new NetworkPort("eno1", "52:54:00:zz:00:01")] } };

        var fields = server.Validate().Select(e => e.Field).ToList();

        Assert.Equal(["facts.nics[0].macAddress", "bmc.address", "bmc.userName"], fields);
    }
}
