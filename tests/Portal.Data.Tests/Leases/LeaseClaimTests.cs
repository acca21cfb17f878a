using Portal.Data.Leases;
using Portal.Domain.Leases;

namespace Portal.Data.Tests.Leases;

/// <summary>
/// The lease keeper's claims on a real database: of nodes racing to remind of one lease end, or to start one
/// decommission, exactly one wins, so the owner hears once and server-decommission starts once.
/// </summary>
public sealed class LeaseClaimTests
{
    private const int Nodes = 8;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset Created = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static async Task<ServerLease> LeaseAsync(TestDatabase database)
    {
        var lease = new ServerLease
        {
            DeploymentId = Guid.NewGuid(), Owner = "riya@portal.local", Days = 10, Terms = LeaseTerms.PortalDefault,
            PolicySource = "the portal's built-in lease policy", CreatedAt = Created,
        };
        var store = new EfLeaseStore(database.NewContext());
        await store.AddAsync([lease], Token);
        Assert.True(await store.BindToServerAsync(lease.StartedFor(Guid.NewGuid(), "web-01", Created), Token));
        return (await store.FindByDeploymentAsync(lease.DeploymentId, Token))!;
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSql")]
    public async Task Of_nodes_racing_to_remind_of_one_lease_end_exactly_one_does_and_a_new_end_is_reminded_again(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        var lease = await LeaseAsync(database);
        var end = lease.EndsAt!.Value;

        var claims = await Task.WhenAll(Enumerable.Range(0, Nodes).Select(_ => Task.Run(() =>
            new EfLeaseStore(database.NewContext()).ClaimReminderAsync(lease.DeploymentId, end, end + lease.Terms.Grace, Token))));

        Assert.Single(claims, won => won);
        var store = new EfLeaseStore(database.NewContext());
        Assert.False(await store.ClaimReminderAsync(lease.DeploymentId, end, end + lease.Terms.Grace, Token), "the same end is reminded once");
        Assert.True(await store.SetEndAsync((await store.FindByDeploymentAsync(lease.DeploymentId, Token))!, end + TimeSpan.FromDays(5), Token));
        Assert.True(await store.ClaimReminderAsync(lease.DeploymentId, end + TimeSpan.FromDays(5), end + TimeSpan.FromDays(8), Token), "an extended lease is reminded of its new end");
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSql")]
    public async Task Of_nodes_racing_to_decommission_one_ended_lease_exactly_one_claims_it_and_an_extension_cannot_slip_in_after(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        var lease = await LeaseAsync(database);
        var end = lease.EndsAt!.Value;
        var now = end + TimeSpan.FromDays(4);
        Assert.False(await new EfLeaseStore(database.NewContext()).ClaimDecommissionAsync(lease.DeploymentId, end, now, now - TimeSpan.FromMinutes(10), Token),
            "no decommission before the owner was reminded");
        Assert.True(await new EfLeaseStore(database.NewContext()).ClaimReminderAsync(lease.DeploymentId, end, end + lease.Terms.Grace, Token));

        var claims = await Task.WhenAll(Enumerable.Range(0, Nodes).Select(_ => Task.Run(() =>
            new EfLeaseStore(database.NewContext()).ClaimDecommissionAsync(lease.DeploymentId, end, now, now - TimeSpan.FromMinutes(10), Token))));

        Assert.Single(claims, won => won);
        var store = new EfLeaseStore(database.NewContext());
        var claimed = (await store.FindByDeploymentAsync(lease.DeploymentId, Token))!;
        Assert.False(await store.SetEndAsync(claimed, end + TimeSpan.FromDays(30), Token), "a lease whose decommission is claimed is not extended");
        Assert.False(await store.ClaimPendingAsync(lease.DeploymentId, end + TimeSpan.FromDays(30), "riya@portal.local", Token));
        Assert.True(await store.ClaimDecommissionAsync(lease.DeploymentId, end, now + TimeSpan.FromMinutes(11), now + TimeSpan.FromMinutes(1), Token),
            "a claim whose node never started the workflow is taken again once stale");
    }
}
