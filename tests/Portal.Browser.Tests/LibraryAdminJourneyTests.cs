using System.Text;
using Microsoft.Playwright;

namespace Portal.Browser.Tests;

/// <summary>Sam curates the library in the browser: imports an OVF, edits the image, adds a platform.</summary>
public sealed class LibraryAdminJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string DebianId = "1d0c0000-0000-4000-8000-000000000004";

    [Fact]
    public async Task The_admin_imports_an_ovf_and_lands_on_the_new_draft()
    {
        var page = await SignedInAdminAsync();
        var ovf = (await page.APIRequest.GetAsync($"/api/images/{DebianId}/ovf")).TextAsync();
        var descriptor = (await ovf).Replace("Debian 12 minimal", "Debian 12 via browser", StringComparison.Ordinal);

        await BrowserFixture.GotoInteractiveAsync(page, "/library/import");
        await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "debian.ovf",
            MimeType = "application/xml",
            Buffer = Encoding.UTF8.GetBytes(descriptor),
        });

        await page.WaitForURLAsync(url => url.Contains("/library/", StringComparison.Ordinal) && !url.EndsWith("/import", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByText("Debian 12 via browser").First).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "imported-image");
    }

    [Fact]
    public async Task A_refused_import_lists_the_reason_and_saves_nothing()
    {
        var page = await SignedInAdminAsync();

        await BrowserFixture.GotoInteractiveAsync(page, "/library/import");
        await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "broken.ovf",
            MimeType = "application/xml",
            Buffer = Encoding.UTF8.GetBytes("<Envelope xmlns=\"http://schemas.dmtf.org/ovf/envelope/1\"><VirtualSystem>"),
        });

        await Assertions.Expect(page.Locator("[data-testid=import-errors]")).ToContainTextAsync("broken.ovf was not imported");
        Assert.EndsWith("/library/import", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_editor_shows_field_errors_and_saves_a_valid_image()
    {
        var page = await SignedInAdminAsync();
        await BrowserFixture.GotoInteractiveAsync(page, "/library/new");

        await page.ClickAsync("[data-testid=save-image]");
        await Assertions.Expect(page.Locator("[data-testid=image-errors]")).ToContainTextAsync("name");

        await page.Locator("input[data-testid=image-name], [data-testid=image-name] input").FillAsync("Alpine 3.20 edge");
        await page.GetByLabel("Distribution").FillAsync("Alpine");
        await page.GetByLabel("OS version").FillAsync("3.20");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add artifact" }).ClickAsync();
        await page.GetByLabel("Size (GiB)").FillAsync("1");
        await page.GetByLabel("Location (URI)").FillAsync("file:///images/alpine.qcow2");
        await BrowserFixture.ScreenshotAsync(page, "image-editor");
        await page.ClickAsync("[data-testid=save-image]");

        await page.WaitForURLAsync(url => !url.EndsWith("/library/new", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByText("Alpine 3.20 edge").First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_admin_adds_a_platform_and_a_duplicate_name_is_refused_on_the_field()
    {
        var page = await SignedInAdminAsync();
        await BrowserFixture.GotoInteractiveAsync(page, "/admin/platforms");
        await Assertions.Expect(page.GetByText("KVM cluster Frankfurt")).ToBeVisibleAsync();

        await page.ClickAsync("[data-testid=new-platform]");
        await page.Locator("input[data-testid=platform-name], [data-testid=platform-name] input").FillAsync("KVM cluster Frankfurt");
        await page.ClickAsync("[data-testid=save-platform]");
        await Assertions.Expect(page.GetByText("A platform named KVM cluster Frankfurt already exists.")).ToBeVisibleAsync();

        await page.Locator("input[data-testid=platform-name], [data-testid=platform-name] input").FillAsync("KVM cluster Madrid");
        await page.ClickAsync("[data-testid=save-platform]");
        await Assertions.Expect(page.GetByText("Platform KVM cluster Madrid saved.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "KVM cluster Madrid", Exact = false }).First).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "platforms");
    }

    private Task<IPage> SignedInAdminAsync() => browser.SignedInPageAsync("admin@portal.local");
}
