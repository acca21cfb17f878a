using Bunit;
using Portal.Domain.Security;
using Portal.Web.Shell;

namespace Portal.Web.Tests.Shell;

public sealed class NavMenuTests : ShellTestContext
{
    [Fact]
    public void A_requester_sees_home_the_library_their_requests_and_servers_and_account_but_no_administration()
    {
        Auth.SetAuthorized("requester@portal.local").SetRoles(PortalRoles.Requester);

        var links = Links(Render<NavMenu>());

        Assert.Equal(["/", "/library", "/requests", "/servers", "/Account/Manage"], links);
    }

    [Fact]
    public void An_admin_also_sees_users_platforms_inventory_deployments_servers_and_workflow_instances_under_administration()
    {
        Auth.SetAuthorized("admin@portal.local").SetRoles(PortalRoles.Admin);

        var menu = Render<NavMenu>();

        Assert.Contains("/admin/users", Links(menu));
        Assert.Contains("/admin/platforms", Links(menu));
        Assert.Contains("/admin/inventory", Links(menu));
        Assert.Contains("/admin/deployments", Links(menu));
        Assert.Contains("/admin/servers", Links(menu));
        Assert.Contains("/admin/workflows/instances", Links(menu));
        Assert.Contains("Administration", menu.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void An_approver_follows_requests_but_has_no_servers_of_their_own_to_manage()
    {
        Auth.SetAuthorized("kim@portal.local").SetRoles(PortalRoles.Approver);

        var links = Links(Render<NavMenu>());

        Assert.Contains("/requests", links);
        Assert.DoesNotContain("/servers", links);
    }

    [Fact]
    public void An_anonymous_visitor_sees_no_link()
    {
        Auth.SetNotAuthorized();

        Assert.Empty(Links(Render<NavMenu>()));
    }

    private static List<string> Links(IRenderedComponent<NavMenu> menu) =>
        menu.FindAll("a").Select(a => a.GetAttribute("href") ?? "").ToList();
}
