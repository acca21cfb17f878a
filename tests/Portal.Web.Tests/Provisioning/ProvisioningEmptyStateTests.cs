using Bunit;
using Portal.Web.Provisioning.Deployments;
using Portal.Web.Provisioning.Servers;

namespace Portal.Web.Tests.Provisioning;

/// <summary>A portal of its own, where nothing has been deployed.</summary>
public sealed class ProvisioningEmptyStateTests(ProvisioningPortal portal) : ProvisioningPagesTestContext(portal), IClassFixture<ProvisioningPortal>
{
    [Fact]
    public void Before_anything_is_deployed_the_deployments_page_says_how_to_start_one()
    {
        SignInAsAdmin();

        var page = Render<DeploymentsPage>(p => p.Add(x => x.RefreshInterval, TimeSpan.FromMinutes(10)));

        page.WaitForAssertion(() => Assert.Contains("choose Deploy now", page.Find("[data-testid=no-deployments]").TextContent, StringComparison.Ordinal), Patience);
        Assert.Contains(page.FindAll("a"), a => a.GetAttribute("href") == "/library");
    }

    [Fact]
    public void Before_anything_is_deployed_the_servers_page_says_where_servers_come_from()
    {
        SignInAsAdmin();

        var page = Render<ServersPage>();

        page.WaitForAssertion(() => Assert.Contains("Deploy now", page.Find("[data-testid=no-servers]").TextContent, StringComparison.Ordinal), Patience);
    }
}
