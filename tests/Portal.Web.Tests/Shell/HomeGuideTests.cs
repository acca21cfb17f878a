using System.Security.Claims;
using Portal.Domain.Security;
using Portal.Web.Shell;

namespace Portal.Web.Tests.Shell;

public sealed class HomeGuideTests
{
    [Fact]
    public void Each_role_gets_its_own_card_in_a_fixed_order()
    {
        var user = User(PortalRoles.Admin, PortalRoles.Requester);

        Assert.Equal([PortalRoles.Requester, PortalRoles.Admin], HomeGuide.For(user).Select(g => g.Role));
    }

    [Fact]
    public void A_user_without_a_role_gets_no_card()
    {
        Assert.Empty(HomeGuide.For(User()));
    }

    [Theory]
    [InlineData(PortalRoles.Requester)]
    [InlineData(PortalRoles.Approver)]
    [InlineData(PortalRoles.Admin)]
    public void Every_link_on_the_home_page_points_at_a_page_the_role_may_open(string role)
    {
        var guide = HomeGuide.For(User(role)).Single();
        var visible = new NavigationCatalog().VisibleTo(User(role));

        foreach (var href in guide.Actions.Where(a => a.Href is not null).Select(a => a.Href))
        {
            Assert.True(visible.Any(e => e.Href == href), $"{role} is sent to {href} from the home page but has no such link in the drawer");
        }
    }

    [Fact]
    public void A_requester_is_sent_to_the_catalog_and_to_their_requests()
    {
        var actions = HomeGuide.For(User(PortalRoles.Requester)).Single().Actions;

        Assert.Equal("/catalog", actions.Single(a => a.Text == "Request a server").Href);
        Assert.Equal("/requests", actions.Single(a => a.Text == "Follow my requests").Href);
        Assert.Equal("/servers", actions.Single(a => a.Text == "Use my servers").Href);
    }

    [Fact]
    public void An_approver_is_sent_to_the_approval_queue()
    {
        var actions = HomeGuide.For(User(PortalRoles.Approver)).Single().Actions;

        Assert.Equal("/approvals", actions.Single(a => a.Text == "Open my approval queue").Href);
    }

    [Fact]
    public void An_admin_is_sent_to_the_workflows_to_edit_them()
    {
        var actions = HomeGuide.For(User(PortalRoles.Admin)).Single().Actions;

        Assert.Equal("/admin/workflows", actions.Single(a => a.Text == "Edit provisioning workflows").Href);
    }

    private static ClaimsPrincipal User(params string[] roles) =>
        new(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "someone"), .. roles.Select(r => new Claim(ClaimTypes.Role, r))], "Test"));
}
