using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Time.Testing;
using Portal.Data.Inventory;
using Portal.Domain.Inventory;
using Portal.Domain.Library;
using Portal.Provisioning.Inventory;

namespace Portal.Data.Tests.Inventory;

/// <summary>Reservations on a real SQLite file and a real PostgreSQL server.</summary>
public sealed class InventoryStoreTests
{
    private static readonly IDataProtectionProvider Protection = new EphemeralDataProtectionProvider();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<string> Providers => new() { "Sqlite", "PostgreSql" };

    private static EfInventoryStore Store(TestDatabase database, TimeProvider clock) => new(database.NewContext(), Protection, clock);

    private static PhysicalServer Server(string name, int cores, int memoryGiB, Guid? platform = null) => new()
    {
        Id = Guid.NewGuid(),
        Name = name,
        PlatformId = platform ?? Guid.Empty,
        Facts = new ServerFacts
        {
            CpuCores = cores,
            Memory = new Quantity(memoryGiB, ResourceUnit.GiB),
            Disks = [new Quantity(960, ResourceUnit.GiB)],
            Nics = [new NetworkPort("eno1", $"52:54:00:{Random.Shared.Next(256):x2}:00:01")],
        },
        Bmc = new BmcEndpoint { Address = new Uri($"https://{name}-bmc.lab"), UserName = "root", Password = new SecretValue("calvin-" + name) },
    };

    private static HypervisorHost Host(string name, int cpus, long memoryGiB, long storageGiB) => new()
    {
        Id = Guid.NewGuid(),
        Name = name,
        PlatformId = Guid.Empty,
        Hypervisor = PlatformTechnology.Kvm,
        Connection = $"qemu+ssh://{name}/system",
        Capacity = new HostCapacity(cpus, 1, memoryGiB * 1024, storageGiB),
    };

    private static AllocationRequest Request(AllocationDemand demand, PlatformKind kind, string? key = null, TimeSpan? lifetime = null) =>
        new(key ?? Guid.NewGuid().ToString(), Guid.NewGuid(), demand, [kind], lifetime ?? TimeSpan.FromHours(1));

    private static AllocationDemand Demand(int vcpus, long memoryGiB, long diskGiB = 40) =>
        new(vcpus, memoryGiB * 1024, [diskGiB], 1, CpuArchitecture.X86_64, FirmwareType.Bios);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Concurrent_allocations_never_take_the_same_server_or_overbook_a_host(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var setup = Store(database, clock);
        for (var i = 0; i < 5; i++)
        {
            Assert.True((await setup.SaveServerAsync(Server($"srv{i:00}", 16, 64), Token)).IsValid);
        }

        // Room for exactly 6 VMs of 4 vCPU: 3 per host by CPU (no overcommit), memory and storage to spare.
        Assert.True((await setup.SaveHostAsync(Host("kvm01", 12, 512, 4000), Token)).IsValid);
        Assert.True((await setup.SaveHostAsync(Host("kvm02", 12, 512, 4000), Token)).IsValid);

        // 16 physical and 16 virtual requests race, each on its own context (its own connection), as separate nodes would.
        var physical = Enumerable.Range(0, 16).Select(_ => Task.Run(() => Store(database, clock).ReserveAsync(Request(Demand(8, 32), PlatformKind.Physical), Token)));
        var virtualRequests = Enumerable.Range(0, 16).Select(_ => Task.Run(() => Store(database, clock).ReserveAsync(Request(Demand(4, 8), PlatformKind.Virtual), Token)));
        var outcomes = await Task.WhenAll(physical.Concat(virtualRequests));

        var servers = outcomes.Where(o => o.Reservation?.ServerId is not null).Select(o => o.Reservation!.ServerId!.Value).ToList();
        Assert.Equal(5, servers.Count);
        Assert.Equal(servers.Count, servers.Distinct().Count());
        Assert.Equal(6, outcomes.Count(o => o.Reservation?.HostId is not null));
        Assert.Equal(32 - 11, outcomes.Count(o => !o.Succeeded));

        var hosts = await Store(database, clock).HostsAsync(Token);
        Assert.All(hosts, h => Assert.True(h.Allocated.Vcpus <= h.Capacity.Vcpus, $"{h.Name} is overbooked: {h.Allocated.Vcpus} of {h.Capacity.Vcpus} vCPU"));
        Assert.Equal(24, hosts.Sum(h => h.Allocated.Vcpus));
        Assert.All(await Store(database, clock).ServersAsync(Token), s => Assert.Equal(ServerState.Reserved, s.State));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_re_delivered_allocation_returns_the_first_reservation(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var store = Store(database, clock);
        await store.SaveHostAsync(Host("kvm01", 64, 512, 4000), Token);

        var first = await store.ReserveAsync(Request(Demand(4, 8), PlatformKind.Virtual, key: "instance-1:allocate:1"), Token);
        var again = await Store(database, clock).ReserveAsync(Request(Demand(4, 8), PlatformKind.Virtual, key: "instance-1:allocate:1"), Token);

        Assert.Equal(first.Reservation!.Id, again.Reservation!.Id);
        Assert.Equal(4, (await store.HostsAsync(Token)).Single().Allocated.Vcpus);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Releasing_gives_the_hardware_back_once_even_when_released_twice(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var store = Store(database, clock);
        var server = (await store.SaveServerAsync(Server("srv01", 16, 64), Token)).Value;
        await store.SaveHostAsync(Host("kvm01", 64, 512, 4000), Token);
        var onServer = await store.ReserveAsync(Request(Demand(8, 32), PlatformKind.Physical), Token);
        var onHost = await store.ReserveAsync(Request(Demand(4, 8), PlatformKind.Virtual), Token);

        Assert.True(await store.ReleaseAsync(onServer.Reservation!.Id, Token));
        Assert.True(await store.ReleaseAsync(onHost.Reservation!.Id, Token));
        Assert.False(await store.ReleaseAsync(onHost.Reservation!.Id, Token), "a second release must be a no-op");

        Assert.Equal(ServerState.Available, (await store.FindServerAsync(server.Id, Token))!.State);
        Assert.Equal(HostUsage.None, (await store.HostsAsync(Token)).Single().Allocated);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_expired_hold_is_released_before_the_next_allocation_but_a_committed_one_is_kept(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var store = Store(database, clock);
        await store.SaveServerAsync(Server("srv01", 16, 64), Token);
        await store.SaveServerAsync(Server("srv02", 16, 64), Token);
        var abandoned = await store.ReserveAsync(Request(Demand(8, 32), PlatformKind.Physical, lifetime: TimeSpan.FromMinutes(30)), Token);
        var running = await store.ReserveAsync(Request(Demand(8, 32), PlatformKind.Physical, lifetime: TimeSpan.FromMinutes(30)), Token);
        await store.CommitAsync(running.Reservation!.Id, Token);
        Assert.False((await store.ReserveAsync(Request(Demand(8, 32), PlatformKind.Physical), Token)).Succeeded);

        clock.Advance(TimeSpan.FromMinutes(31));
        var next = await store.ReserveAsync(Request(Demand(8, 32), PlatformKind.Physical), Token);

        Assert.Equal(abandoned.Reservation!.ServerId, next.Reservation!.ServerId);
        Assert.Null(await store.FindReservationAsync(abandoned.Reservation.Id, Token));
        Assert.Equal(ServerState.InUse, (await store.FindServerAsync(running.Reservation.ServerId!.Value, Token))!.State);
    }

    [Fact]
    public async Task No_capacity_names_every_candidate_and_why()
    {
        await using var database = await TestDatabase.CreateAsync("Sqlite", Token);
        var store = Store(database, TimeProvider.System);
        await store.SaveServerAsync(Server("small", 4, 16), Token);
        await store.SaveHostAsync(Host("kvm01", 2, 8, 100), Token);

        var outcome = await store.ReserveAsync(
            new AllocationRequest("k", Guid.NewGuid(), Demand(8, 32), [PlatformKind.Virtual, PlatformKind.Physical], TimeSpan.FromHours(1)), Token);

        Assert.False(outcome.Succeeded);
        Assert.Contains(outcome.Reasons, r => r.StartsWith("kvm01: 2 vCPU free, 8 needed", StringComparison.Ordinal));
        Assert.Contains(outcome.Reasons, r => r.StartsWith("small: 4 cores, 8 needed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_bmc_password_is_stored_encrypted_and_kept_when_an_edit_leaves_it_blank()
    {
        await using var database = await TestDatabase.CreateAsync("Sqlite", Token);
        var store = Store(database, TimeProvider.System);
        var server = (await store.SaveServerAsync(Server("srv01", 16, 64), Token)).Value;

        var edited = await Store(database, TimeProvider.System).SaveServerAsync(server with { Rack = "R12", Bmc = server.Bmc with { Password = new SecretValue("") } }, Token);

        Assert.True(edited.IsValid);
        var row = database.NewContext().Set<PhysicalServerRecord>().Single();
        Assert.DoesNotContain("calvin", row.ProtectedBmcPassword, StringComparison.Ordinal);
        Assert.DoesNotContain("calvin", row.Document, StringComparison.Ordinal);
        Assert.Equal("calvin-srv01", (await Store(database, TimeProvider.System).FindServerAsync(server.Id, Token))!.Bmc.Password.Reveal());
    }

    [Fact]
    public async Task Maintenance_takes_only_an_idle_server_out_of_allocation()
    {
        await using var database = await TestDatabase.CreateAsync("Sqlite", Token);
        var store = Store(database, TimeProvider.System);
        var idle = (await store.SaveServerAsync(Server("idle", 16, 64), Token)).Value;
        var busy = (await store.SaveServerAsync(Server("busy", 8, 32), Token)).Value;
        await store.ReserveAsync(Request(Demand(8, 32), PlatformKind.Physical), Token);

        Assert.True(await store.SetServerMaintenanceAsync(idle.Id, true, Token));
        Assert.False(await store.SetServerMaintenanceAsync(busy.Id, true, Token), "a reserved server cannot go into maintenance");
        Assert.False((await store.ReserveAsync(Request(Demand(8, 32), PlatformKind.Physical), Token)).Succeeded);
        Assert.True(await store.SetServerMaintenanceAsync(idle.Id, false, Token));
        Assert.True((await store.ReserveAsync(Request(Demand(8, 32), PlatformKind.Physical), Token)).Succeeded);
    }
}
