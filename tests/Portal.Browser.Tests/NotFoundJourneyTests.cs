using Microsoft.Playwright;

namespace Portal.Browser.Tests;

public sealed class NotFoundJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_signed_in_user_on_a_dead_link_sees_the_not_found_page_in_the_shell_and_goes_back_home()
    {
        var page = await browser.SignedInPageAsync("requester@portal.local");

        var response = await page.GotoAsync("/servers/from-an-old-bookmark");

        Assert.Equal(404, response!.Status);
        await Assertions.Expect(page.Locator("[data-testid=not-found]")).ToContainTextAsync("Nothing at this address");
        await Assertions.Expect(page.Locator(".mud-appbar [data-testid=signed-in-user]")).ToHaveTextAsync("Riya Requester");
        await Assertions.Expect(page.Locator(".mud-drawer").GetByRole(AriaRole.Link, new() { Name = "Image library", Exact = true })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "not-found");

        await page.ClickAsync("[data-testid=not-found-home]");

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await Assertions.Expect(page.GetByText("Welcome, Riya Requester")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=not-found]")).ToHaveCountAsync(0);
    }
}
