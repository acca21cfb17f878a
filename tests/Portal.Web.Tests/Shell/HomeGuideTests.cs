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

    [Fact]
    public void Every_link_on_the_home_page_points_at_a_page_the_role_may_open()
    {
        var admin = HomeGuide.For(User(PortalRoles.Admin)).Single();
        var catalog = new NavigationCatalog();

        foreach (var href in admin.Actions.Where(a => a.Href is not null).Select(a => a.Href))
        {
            Assert.Contains(catalog.VisibleTo(User(PortalRoles.Admin)), e => e.Href == href);
        }
    }

    private static ClaimsPrincipal User(params string[] roles) =>
        new(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "someone"), .. roles.Select(r => new Claim(ClaimTypes.Role, r))], "Test"));
}
