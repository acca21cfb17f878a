using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Portal.Browser.Tests;

/// <summary>Sam deploys the Ubuntu image from its page, watches the deployment complete, then checks the inventory.</summary>
public sealed partial class DeployJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_admin_deploys_ubuntu_watches_it_complete_and_finds_it_in_the_inventory()
    {
        var page = await browser.SignedInPageAsync("admin@portal.local");

        await BrowserFixture.GotoInteractiveAsync(page, "/library");
        await page.Locator("[data-testid=image-link]", new() { HasText = "Ubuntu 24.04 LTS server" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/library/1d0c0000-0000-4000-8000-000000000001", StringComparison.Ordinal));
        await page.Locator("[data-testid=deploy-now]").ClickAsync();

        await page.Locator("input[data-testid=parameter-hostname]").FillAsync("web-journey-01");
        await page.Locator("input[data-testid=parameter-adminPassword]").FillAsync("Correct-Horse-42");
        await BrowserFixture.ScreenshotAsync(page, "deploy-dialog");
        await page.Locator("[data-testid=deploy-submit]").ClickAsync();

        await page.WaitForURLAsync(DeploymentPage());
        await Assertions.Expect(page.Locator("[data-testid=deployment-status]")).ToHaveAttributeAsync("data-status", "Completed");
        await Assertions.Expect(page.Locator("[data-testid=step][data-state=Completed]")).ToHaveCountAsync(await page.Locator("[data-testid=step]").CountAsync());
        await Assertions.Expect(page.Locator("[data-testid=server-name]")).ToHaveTextAsync("web-journey-01");
        await Assertions.Expect(page.Locator("body")).Not.ToContainTextAsync("Correct-Horse-42");
        await BrowserFixture.ScreenshotAsync(page, "deployment-completed");

        await page.GetByRole(AriaRole.Link, new() { Name = "Inventory", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/admin/inventory", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("[data-testid=chart-vcpu] svg").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=chart-servers] svg").First).ToBeVisibleAsync();
        // The new VM's four vCPUs are allocated on whichever cluster took it.
        await Assertions.Expect(page.Locator("[data-testid=chart-vcpu]")).ToContainTextAsync("Allocated 4");
        await Assertions.Expect(page.Locator("[data-testid=server-name]", new() { HasText = "r640-01" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=server-name]")).ToHaveCountAsync(11);
        await BrowserFixture.ScreenshotAsync(page, "inventory");
    }

    [GeneratedRegex("/admin/deployments/[0-9a-f-]{36}$")]
    private static partial Regex DeploymentPage();
}
