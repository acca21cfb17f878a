using Microsoft.Playwright;

namespace Portal.Browser.Tests;

public sealed class LibraryJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_requester_finds_an_image_in_the_library_and_sees_where_it_can_run()
    {
        var page = await browser.SignedInPageAsync("requester@portal.local");

        var names = page.Locator("[data-testid=image-link]");
        await page.GetByRole(AriaRole.Link, new() { Name = "Image library", Exact = true }).ClickAsync();
        await Assertions.Expect(names).ToHaveCountAsync(8);
        await Assertions.Expect(page.GetByText("CentOS 7 legacy")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "library");

        await page.Locator("input[data-testid=library-search]").FillAsync("Debian");
        await Assertions.Expect(names).ToHaveCountAsync(1);
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("q=Debian"));
        await names.First.ClickAsync();

        await Assertions.Expect(page.Locator("[data-testid=image-name]")).ToHaveTextAsync("Debian 12 minimal");
        var matrix = page.Locator("[data-testid=compatibility] tbody tr");
        await Assertions.Expect(matrix).ToHaveCountAsync(7);
        await Assertions.Expect(page.Locator("[data-testid=compatibility] [data-compatible=true]").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=parameter-adminPassword]")).ToContainTextAsync("secret · write-only");
        await BrowserFixture.ScreenshotAsync(page, "image");

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=download-ovf]"));
        Assert.EndsWith(".ovf", download.SuggestedFilename, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_filters_the_library_by_lifecycle_and_finds_the_deprecated_image()
    {
        var page = await browser.SignedInPageAsync("admin@portal.local");

        await BrowserFixture.GotoInteractiveAsync(page, "/library?lifecycle=Deprecated");

        var names = page.Locator("[data-testid=image-link]");
        await Assertions.Expect(names).ToHaveTextAsync(["CentOS 7 legacy"]);
        await Assertions.Expect(page.Locator("[data-testid=lifecycle]")).ToHaveTextAsync(["Deprecated"]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Clear filters" }).ClickAsync();
        await Assertions.Expect(names).ToHaveCountAsync(9);
        await BrowserFixture.ScreenshotAsync(page, "library-admin");
    }
}
