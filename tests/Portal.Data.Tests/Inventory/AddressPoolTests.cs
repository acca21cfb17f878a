using Portal.Data.Inventory;

namespace Portal.Data.Tests.Inventory;

/// <summary>The simulated DHCP: addresses from the subnet, one per server for good, never one twice, across nodes racing.</summary>
public sealed class AddressPoolTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSql")]
    public async Task Servers_leasing_at_once_all_get_different_addresses_and_keep_them(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        var servers = Enumerable.Range(0, 12).Select(_ => Guid.NewGuid()).ToList();

        var addresses = await Task.WhenAll(servers.Select(id => Task.Run(() =>
            new EfAddressPool(database.NewContext(), TimeProvider.System).LeaseAsync(id, "10.42.0.0/16", Token))));

        Assert.Equal(12, addresses.Distinct().Count());
        Assert.All(addresses, a => Assert.StartsWith("10.42.0.", a, StringComparison.Ordinal));
        Assert.DoesNotContain("10.42.0.0", addresses);
        Assert.Equal(addresses[3], await new EfAddressPool(database.NewContext(), TimeProvider.System).LeaseAsync(servers[3], "10.42.0.0/16", Token));
    }

    [Fact]
    public async Task A_full_subnet_says_so()
    {
        await using var database = await TestDatabase.CreateAsync("Sqlite", Token);
        var pool = new EfAddressPool(database.NewContext(), TimeProvider.System);
        Assert.Equal("192.168.5.1", await pool.LeaseAsync(Guid.NewGuid(), "192.168.5.0/30", Token));
        Assert.Equal("192.168.5.2", await pool.LeaseAsync(Guid.NewGuid(), "192.168.5.0/30", Token));

        var full = await Assert.ThrowsAsync<Portal.Provisioning.Drivers.DriverException>(() => pool.LeaseAsync(Guid.NewGuid(), "192.168.5.0/30", Token));
        Assert.Contains("no address left", full.Message, StringComparison.Ordinal);
    }
}
