using System.Net;

namespace Portal.Web.Tests.Hosting;

public sealed class HealthTests
{
    [Fact]
    public async Task Health_is_503_unhealthy_when_the_database_cannot_be_reached()
    {
        await using var factory = new PortalAppFactory(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Portal"] = "Data Source=/nonexistent-folder/portal.db;Mode=ReadWrite",
            ["Portal:Database:MigrateOnStartup"] = "false",
            ["Portal:Seed:DemoUsers"] = "false",
            ["Portal:Seed:DemoData"] = "false",
        });
        using var client = factory.CreateBrowserLikeClient();

        using var response = await client.GetAsync("/health", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Unhealthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
