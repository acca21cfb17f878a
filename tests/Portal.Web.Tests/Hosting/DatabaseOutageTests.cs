using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Portal.Testing;
using Portal.Web.Tests.Provisioning;

namespace Portal.Web.Tests.Hosting;

/// <summary>
/// The portal on PostgreSQL loses its database (every connection dropped, new ones refused): an API call answers 503
/// with Retry-After, after EF's own retries, instead of a 500 naming an exception; once the database is back the same
/// call succeeds, with nothing restarted.
/// </summary>
public sealed class DatabaseOutageTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_api_call_while_the_database_is_unreachable_answers_503_with_retry_after_and_works_again_once_it_is_back()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync(Token);
        var direct = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        await using var proxy = new CuttableProxy(direct.Host!, direct.Port);
        var proxied = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Host = "127.0.0.1", Port = proxy.Port };
        await using var factory = new PortalAppFactory(new Dictionary<string, string?>
        {
            ["Portal:Database:Provider"] = "PostgreSql",
            ["ConnectionStrings:Portal"] = proxied.ConnectionString,
            ["Portal:Workflows:RunWorker"] = "false",
        });
        using var admin = factory.CreateBrowserLikeClient();
        await FormSignIn.SignInAsync(admin, "admin@portal.local");
        var order = ProvisioningPortal.LinuxOrder(ProvisioningPortal.SimulatedVirtual, "Virtual", "outage-01");

        proxy.Cut();
        using var refused = await admin.PostAsJsonAsync("/api/deployments", order, Token);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "A 503 must say when to try again.");
        var problem = await refused.Content.ReadFromJsonAsync<JsonObject>(Token);
        Assert.Contains("database", (string?)problem!["title"], StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Exception", await refused.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);

        proxy.Restore();
        using var accepted = await admin.PostAsJsonAsync("/api/deployments", order, Token);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
    }
}
