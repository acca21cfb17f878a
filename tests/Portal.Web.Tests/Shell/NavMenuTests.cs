using System.Security.Claims;
using Bunit;
using Portal.Domain.Security;
using Portal.Web.Shell;

namespace Portal.Web.Tests.Shell;

public sealed class NavMenuTests : ShellTestContext
{
    [Fact]
    public void A_requester_sees_the_catalog_their_requests_and_servers_the_library_and_account_but_no_approvals_or_administration()
    {
        Auth.SetAuthorized("requester@portal.local").SetRoles(PortalRoles.Requester);

        var links = Links(Render<NavMenu>());

        Assert.Equal(["/", "/catalog", "/requests", "/servers", "/library", "/Account/Manage"], links);
    }

    [Fact]
    public void An_approver_sees_requests_and_approvals_but_not_the_catalog_or_servers()
    {
        Auth.SetAuthorized("kim@portal.local").SetRoles(PortalRoles.Approver);

        var links = Links(Render<NavMenu>());

        Assert.Equal(["/", "/requests", "/approvals", "/library", "/Account/Manage"], links);
    }

    [Fact]
    public void Alex_holding_approver_and_requester_sees_both_journeys_once()
    {
        Auth.SetAuthorized("approver@portal.local").SetRoles(PortalRoles.Approver, PortalRoles.Requester);

        var links = Links(Render<NavMenu>());

        Assert.Equal(["/", "/catalog", "/requests", "/servers", "/approvals", "/library", "/Account/Manage"], links);
    }

    [Fact]
    public void An_admin_sees_the_whole_journey_and_administration()
    {
        Auth.SetAuthorized("admin@portal.local").SetRoles(PortalRoles.Admin);

        var links = Links(Render<NavMenu>());

        Assert.Equal(["/", "/catalog", "/requests", "/servers", "/approvals", "/library"], links.Take(6));
    }

    [Fact]
    public void An_admin_also_sees_users_platforms_inventory_deployments_servers_workflows_and_workflow_instances_under_administration()
    {
        Auth.SetAuthorized("admin@portal.local").SetRoles(PortalRoles.Admin);

        var menu = Render<NavMenu>();

        Assert.Contains("/admin/users", Links(menu));
        Assert.Contains("/admin/platforms", Links(menu));
        Assert.Contains("/admin/inventory", Links(menu));
        Assert.Contains("/admin/deployments", Links(menu));
        Assert.Contains("/admin/servers", Links(menu));
        Assert.Contains("/admin/workflows", Links(menu));
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

    [Fact]
    public void Approvals_shows_how_many_tasks_wait()
    {
        WaitingTasks = 3;
        Auth.SetAuthorized("approver@portal.local").SetRoles(PortalRoles.Approver);

        var menu = Render<NavMenu>();

        menu.WaitForAssertion(() => Assert.Equal("3", menu.Find("a[href='/approvals'] [data-testid=waiting-tasks]").TextContent.Trim()));
    }

    [Fact]
    public void Approvals_has_no_badge_when_nothing_waits()
    {
        Auth.SetAuthorized("approver@portal.local").SetRoles(PortalRoles.Approver);

        var menu = Render<NavMenu>();

        Assert.Empty(menu.FindAll("[data-testid=waiting-tasks]"));
        Assert.Equal("Approvals", menu.Find("a[href='/approvals']").TextContent.Trim());
    }

    [Fact]
    public void Every_journey_page_link_is_shown_only_to_the_roles_its_page_admits()
    {
        var catalog = new NavigationCatalog();

        Assert.Equal([PortalRoles.Requester, PortalRoles.Admin], Entry(catalog, "/catalog").Roles);
        Assert.Empty(Entry(catalog, "/requests").Roles);
        Assert.Equal([PortalRoles.Requester, PortalRoles.Admin], Entry(catalog, "/servers").Roles);
        Assert.Equal([PortalRoles.Approver, PortalRoles.Admin], Entry(catalog, "/approvals").Roles);
        Assert.True(Entry(catalog, "/approvals").ShowsWaitingTasks);
    }

    [Fact]
    public void The_approvals_page_admits_the_same_roles_as_its_link()
    {
        var authorize = typeof(Portal.Web.Approvals.Pages.ApprovalsPage).GetCustomAttributes(typeof(Microsoft.AspNetCore.Authorization.AuthorizeAttribute), true)
            .Cast<Microsoft.AspNetCore.Authorization.AuthorizeAttribute>().Where(a => a.Roles is not null).Single();

        Assert.Equal(Entry(new NavigationCatalog(), "/approvals").Roles, authorize.Roles!.Split(','));
    }

    private static NavEntry Entry(NavigationCatalog catalog, string href) => catalog.Entries.Single(e => e.Href == href);

    private static List<string> Links(IRenderedComponent<NavMenu> menu) =>
        menu.FindAll("a").Select(a => a.GetAttribute("href") ?? "").ToList();
}
