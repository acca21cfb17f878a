using Microsoft.AspNetCore.DataProtection;
using Portal.Data.Deployments;
using Portal.Data.Requests;
using Portal.Domain.Deployments;
using Portal.Domain.Library;
using Portal.Domain.Requests;
using Portal.Provisioning.Deployments;

namespace Portal.Data.Tests.Requests;

/// <summary>Host names are claimed in the database: of requests racing for one name exactly one gets it, and a released name is free again.</summary>
public sealed class HostnameClaimTests
{
    private static readonly IDataProtectionProvider Protection = new EphemeralDataProtectionProvider();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static (ServerRequest Request, PreparedDeployment Deployment) RequestFor(string hostname)
    {
        var requestId = Guid.NewGuid();
        var deployment = new Deployment
        {
            Id = Guid.NewGuid(), ImageId = Guid.NewGuid(), RequestedBy = "riya@portal.local", RequestId = requestId, Hostname = hostname,
            Placement = Portal.Domain.Inventory.Placement.Virtual, CreatedAt = DateTimeOffset.UtcNow,
        };
        var request = new ServerRequest
        {
            Id = requestId, ImageId = deployment.ImageId, ImageName = "Ubuntu", RequestedBy = "riya@portal.local", Justification = "Load tests.",
            Demand = RequestDemand.Of(1, 2, 4096, 40, false), Hostnames = [hostname], DeploymentIds = [deployment.Id], CreatedAt = DateTimeOffset.UtcNow,
        };
        // The plan is not stored; any will do for the store.
        return (request, new PreparedDeployment(deployment, new Dictionary<string, string> { ["adminPassword"] = "Correct-Horse-42" }, null!, "hostnamePattern"));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSql")]
    public async Task Of_requests_racing_for_one_host_name_exactly_one_is_recorded(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        var racers = Enumerable.Range(0, 8).Select(i => RequestFor(i % 2 == 0 ? "db-bm-01" : "DB-BM-01")).ToList();

        var results = await Task.WhenAll(racers.Select(r => Task.Run(() =>
            new EfRequestStore(database.NewContext(), Protection, TimeProvider.System).CreateAsync(r.Request, [r.Deployment], Token))));

        Assert.Single(results, taken => taken.Count == 0);
        Assert.All(results.Where(taken => taken.Count > 0), taken => Assert.Equal("db-bm-01", taken.Single(), ignoreCase: true));
        await using var db = database.NewContext();
        Assert.Single(db.Set<RequestRecord>());
        Assert.Single(db.Set<DeploymentRecord>());
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSql")]
    public async Task A_released_name_is_free_again_and_a_claimed_one_is_reported_in_use(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        var first = RequestFor("web-01");
        Assert.Empty(await new EfRequestStore(database.NewContext(), Protection, TimeProvider.System).CreateAsync(first.Request, [first.Deployment], Token));
        var deployments = new EfDeploymentStore(database.NewContext(), Protection, TimeProvider.System);

        Assert.Equal(["Web-01"], await deployments.HostnamesInUseAsync(["Web-01", "web-02"], Token));
        await deployments.ReleaseHostnameAsync(first.Deployment.Deployment.Id, Token);

        Assert.Empty(await deployments.HostnamesInUseAsync(["web-01"], Token));
        var second = RequestFor("web-01");
        Assert.Empty(await new EfRequestStore(database.NewContext(), Protection, TimeProvider.System).CreateAsync(second.Request, [second.Deployment], Token));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSql")]
    public async Task Generated_secrets_are_revealed_once_even_to_callers_racing(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        var (request, prepared) = RequestFor("web-07");
        prepared = prepared with { Deployment = prepared.Deployment with { GeneratedSecrets = ["adminPassword"] } };
        await new EfRequestStore(database.NewContext(), Protection, TimeProvider.System).CreateAsync(request, [prepared], Token);

        var reveals = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() =>
            new EfDeploymentStore(database.NewContext(), Protection, TimeProvider.System).RevealGeneratedSecretsAsync(prepared.Deployment.Id, DateTimeOffset.UtcNow, Token))));

        Assert.Equal("Correct-Horse-42", Assert.Single(reveals, r => r is not null)!["adminPassword"]);
        Assert.NotNull(await new EfDeploymentStore(database.NewContext(), Protection, TimeProvider.System).GeneratedSecretsRevealedAtAsync(prepared.Deployment.Id, Token));
    }
}
