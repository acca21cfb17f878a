using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components;
using Portal.Domain.Security;
using Portal.Web.Account;
using Portal.Web.Shell;

namespace Portal.Web.Tests.Shell;

public sealed class MainLayoutTests : ShellTestContext
{
    [Fact]
    public void The_app_bar_shows_the_product_and_the_signed_in_users_name()
    {
        Auth.SetAuthorized("riya@portal.local").SetRoles(PortalRoles.Requester)
            .SetClaims(new Claim(PortalClaimTypes.DisplayName, "Riya Requester"));

        var layout = RenderLayout();

        Assert.Contains("Portal", layout.Find(".mud-appbar").TextContent, StringComparison.Ordinal);
        Assert.Equal("Riya Requester", layout.Find("[data-testid=signed-in-user]").TextContent.Trim());
        Assert.NotNull(layout.Find("form[action='Account/Logout']"));
    }

    [Fact]
    public void The_theme_switch_turns_dark_mode_on_and_off()
    {
        Auth.SetAuthorized("riya@portal.local").SetRoles(PortalRoles.Requester);
        var layout = RenderLayout();

        layout.Find("button[aria-label='Switch to dark theme']").Click();
        layout.WaitForAssertion(() => Assert.NotNull(layout.Find("button[aria-label='Switch to light theme']")));

        layout.Find("button[aria-label='Switch to light theme']").Click();
        layout.WaitForAssertion(() => Assert.NotNull(layout.Find("button[aria-label='Switch to dark theme']")));
    }

    [Fact]
    public void The_body_renders_inside_the_main_content()
    {
        Auth.SetAuthorized("riya@portal.local");

        var layout = RenderLayout();

        Assert.Equal("page body", layout.Find(".mud-main-content #body").TextContent);
    }

    private IRenderedComponent<MainLayout> RenderLayout() =>
        Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b =>
        {
            b.OpenElement(0, "p");
            b.AddAttribute(1, "id", "body");
            b.AddContent(2, "page body");
            b.CloseElement();
        })));
}
