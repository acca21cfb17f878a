using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Portal.Data.Deployments;
using Portal.Data.Quotas;
using Portal.Data.Requests;
using Portal.Domain.Deployments;
using Portal.Domain.Quotas;
using Portal.Domain.Requests;
using Portal.Provisioning.Deployments;
using Portal.Provisioning.Quotas;

namespace Portal.Data.Tests.Quotas;

/// <summary>
/// Quota reservations on a real database: recorded with the request in one transaction by a conditional update, so
/// concurrent submissions never take a user past a limit, and a given-back share is given back once.
/// </summary>
public sealed class QuotaLedgerTests
{
    private const string Riya = "riya@portal.local";
    private static readonly IDataProtectionProvider Protection = new EphemeralDataProtectionProvider();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<string> Providers => new() { "Sqlite", "PostgreSql" };

    /// <summary>A request of <paramref name="servers"/> servers of 2 vCPU and 4 GiB each, named name-1, name-2…</summary>
    private static (ServerRequest Request, IReadOnlyList<PreparedDeployment> Deployments) RequestFor(string name, int servers = 1, bool physical = false)
    {
        var requestId = Guid.NewGuid();
        var deployments = Enumerable.Range(1, servers).Select(i => new PreparedDeployment(
            new Deployment
            {
                Id = Guid.NewGuid(), ImageId = Guid.NewGuid(), RequestedBy = Riya, RequestId = requestId, Hostname = $"{name}-{i}",
                Placement = physical ? Portal.Domain.Inventory.Placement.Physical : Portal.Domain.Inventory.Placement.Virtual, CreatedAt = DateTimeOffset.UtcNow,
            },
            new Dictionary<string, string>(), null!, "hostnamePattern")).ToList();
        var request = new ServerRequest
        {
            Id = requestId, ImageId = deployments[0].Deployment.ImageId, ImageName = "Ubuntu", RequestedBy = Riya, Justification = "Load tests.",
            Demand = RequestDemand.Of(servers, 2, 4096, 40, physical), Quantity = servers,
            Hostnames = deployments.Select(d => d.Deployment.Hostname!).ToList(), DeploymentIds = deployments.Select(d => d.Deployment.Id).ToList(), CreatedAt = DateTimeOffset.UtcNow,
        };
        return (request, deployments);
    }

    private static QuotaHold Hold(QuotaLimits limits, ServerRequest request) =>
        new(EffectiveQuota.Combine(limits, new Dictionary<string, QuotaLimits>()), QuotaAmounts.PerServer(request.Demand));

    private static EfRequestStore Requests(TestDatabase database) => new(database.NewContext(), Protection, TimeProvider.System);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Twenty_concurrent_submissions_never_take_a_user_past_their_quota(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        // 10 vCPU and 2 vCPU a request: exactly five of twenty fit.
        var limits = new QuotaLimits(Vcpus: 10);
        var racers = Enumerable.Range(1, 20).Select(i => RequestFor($"race-{i:00}")).ToList();

        var results = await Task.WhenAll(racers.Select(r => Task.Run(() => Requests(database).CreateAsync(r.Request, r.Deployments, Hold(limits, r.Request), Token))));

        Assert.Equal(5, results.Count(r => r.IsCreated));
        Assert.All(results.Where(r => !r.IsCreated), r => Assert.True(r.HeldWhenRefused is { Vcpus: >= 9 }, $"A refusal says what the user held: {r.HeldWhenRefused}"));
        await using var db = database.NewContext();
        Assert.Equal(5, await db.Set<RequestRecord>().CountAsync(Token));
        Assert.Equal(5, await db.Set<DeploymentRecord>().CountAsync(Token));
        var usage = await db.Set<QuotaUsageRecord>().SingleAsync(Token);
        Assert.Equal((5, 10, 5 * 4096L), (usage.Servers, usage.Vcpus, usage.MemoryMiB));
        Assert.Equal(10, await db.Set<QuotaChargeRecord>().SumAsync(c => c.Vcpus, Token));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Concurrent_submissions_of_several_servers_stop_at_the_server_and_physical_limits(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        var limits = new QuotaLimits(Servers: 7, PhysicalServers: 3);
        var racers = Enumerable.Range(1, 20).Select(i => RequestFor($"multi-{i:00}", servers: i % 2 + 1, physical: i % 3 == 0)).ToList();

        var results = await Task.WhenAll(racers.Select(r => Task.Run(() => Requests(database).CreateAsync(r.Request, r.Deployments, Hold(limits, r.Request), Token))));

        var created = racers.Zip(results).Where(x => x.Second.IsCreated).Select(x => x.First.Request).ToList();
        Assert.InRange(created.Sum(r => r.Quantity), 1, 7);
        Assert.InRange(created.Where(r => r.Demand.Physical).Sum(r => r.Quantity), 0, 3);
        await using var db = database.NewContext();
        var usage = await db.Set<QuotaUsageRecord>().SingleAsync(Token);
        Assert.Equal(created.Sum(r => r.Quantity), usage.Servers);
        Assert.Equal(created.Where(r => r.Demand.Physical).Sum(r => r.Quantity), usage.PhysicalServers);
        Assert.Equal(usage.Servers, await db.Set<QuotaChargeRecord>().CountAsync(Token));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_request_refused_for_a_taken_name_reserves_nothing(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        var limits = new QuotaLimits(Vcpus: 100);
        var first = RequestFor("db");
        Assert.True((await Requests(database).CreateAsync(first.Request, first.Deployments, Hold(limits, first.Request), Token)).IsCreated);
        var second = RequestFor("db");

        var refused = await Requests(database).CreateAsync(second.Request, second.Deployments, Hold(limits, second.Request), Token);

        Assert.Equal(["db-1"], refused.TakenNames);
        var usage = await new EfQuotaStore(database.NewContext(), TimeProvider.System).UsageAsync(Riya, Token);
        Assert.Equal(2, usage.Held.Vcpus);
        await using var db = database.NewContext();
        Assert.Equal(2, (await db.Set<QuotaUsageRecord>().SingleAsync(Token)).Vcpus);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Concurrent_releases_of_one_request_give_its_share_back_once(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        var (request, deployments) = RequestFor("web", servers: 3);
        Assert.True((await Requests(database).CreateAsync(request, deployments, Hold(new QuotaLimits(Servers: 3), request), Token)).IsCreated);

        var released = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() =>
            new EfQuotaStore(database.NewContext(), TimeProvider.System).ReleaseAsync(request.DeploymentIds.ToList(), Token))));

        Assert.Equal(3, released.Sum());
        await using var db = database.NewContext();
        var usage = await db.Set<QuotaUsageRecord>().SingleAsync(Token);
        Assert.Equal((0, 0, 0L, 0), (usage.Servers, usage.Vcpus, usage.MemoryMiB, usage.PhysicalServers));
        var again = RequestFor("web-again", servers: 3);
        Assert.True((await Requests(database).CreateAsync(again.Request, again.Deployments, Hold(new QuotaLimits(Servers: 3), again.Request), Token)).IsCreated,
            "The quota given back is free for the next request.");
    }
}
