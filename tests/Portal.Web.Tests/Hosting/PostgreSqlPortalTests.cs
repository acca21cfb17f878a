using System.Net;
using Portal.Testing;

namespace Portal.Web.Tests.Hosting;

/// <summary>The whole portal on a real PostgreSQL server: migrated on start, healthy, and users sign in.</summary>
public sealed class PostgreSqlPortalTests
{
    [Fact]
    public async Task On_PostgreSql_the_portal_migrates_reports_healthy_and_signs_a_user_in()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync(TestContext.Current.CancellationToken);
        await using var factory = new PortalAppFactory(new Dictionary<string, string?>
        {
            ["Portal:Database:Provider"] = "PostgreSql",
            ["ConnectionStrings:Portal"] = database.ConnectionString,
        });
        using var client = factory.CreateBrowserLikeClient();

        using var health = await client.GetAsync("/health", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);

        await FormSignIn.SignInAsync(client, "requester@portal.local");
        var home = await client.GetStringAsync("/", TestContext.Current.CancellationToken);
        Assert.Contains("Request servers", home, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(factory.DataDirectory, "portal.db")), "No SQLite file may be created when PostgreSQL is configured.");
    }
}
