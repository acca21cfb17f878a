using Microsoft.Playwright;
using Portal.Web.Tests;

namespace Portal.Browser.Tests;

public sealed class SignInJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_demo_requester_signs_in_through_the_form_and_lands_on_the_requesters_home()
    {
        var page = await browser.NewPageAsync();

        await page.GotoAsync("/");
        Assert.Contains("/Account/Login", page.Url, StringComparison.Ordinal);
        await SignInAsync(page, "requester@portal.local");

        await Assertions.Expect(page.GetByText("Welcome, Riya Requester")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=guide-Requester]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=guide-Admin]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Users" })).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "requester-home");
    }

    [Fact]
    public async Task A_wrong_password_shows_the_message_on_the_form()
    {
        var page = await browser.NewPageAsync();

        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#Input\\.Email", "requester@portal.local");
        await page.FillAsync("#Input\\.Password", "Not-The-Password-1!");
        await page.ClickAsync("button[type=submit]");

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The e-mail or password is not right.");
    }

    [Fact]
    public async Task The_admin_creates_a_user_who_can_then_sign_in()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await SignInAsync(page, "admin@portal.local");

        await page.GetByRole(AriaRole.Link, new() { Name = "Users" }).ClickAsync();
        await Assertions.Expect(page.GetByText("approver@portal.local")).ToBeVisibleAsync();
        await page.ClickAsync("[data-testid=new-user]");
        var email = page.Locator("input[data-testid=new-user-email], [data-testid=new-user-email] input");
        var password = page.Locator("input[data-testid=new-user-password], [data-testid=new-user-password] input");
        // The dialog focuses its e-mail field once its first render reaches the browser; on a busy machine that
        // can land while the test types the password, moving the text. Type until both fields hold their value.
        for (var attempt = 0; attempt < 3 && (await email.InputValueAsync() != "casey@example.com" || await password.InputValueAsync() != "Casey-Password-1!"); attempt++)
        {
            await email.FillAsync("casey@example.com");
            await password.FillAsync("Casey-Password-1!");
            await page.WaitForTimeoutAsync(300);
        }

        await Assertions.Expect(email).ToHaveValueAsync("casey@example.com");
        await Assertions.Expect(password).ToHaveValueAsync("Casey-Password-1!");
        await page.GetByLabel("Approver").CheckAsync();
        await page.ClickAsync("[data-testid=create-user]");

        await Assertions.Expect(page.GetByText("User casey@example.com created.")).ToBeVisibleAsync();
        var row = page.Locator("tr", new() { HasText = "casey@example.com" });
        await Assertions.Expect(row.Locator("[aria-pressed=true]")).ToHaveTextAsync("Approver");
        await BrowserFixture.ScreenshotAsync(page, "admin-users");

        var newcomer = await browser.NewPageAsync();
        await newcomer.GotoAsync("/Account/Login");
        await SignInAsync(newcomer, "casey@example.com", "Casey-Password-1!");
        await Assertions.Expect(newcomer.Locator("[data-testid=guide-Approver]")).ToBeVisibleAsync();
    }

    private static Task SignInAsync(IPage page, string email, string password = PortalAppFactory.DemoPassword) =>
        BrowserFixture.SignInAsync(page, email, password);
}
