using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Web.Tests;

namespace Portal.Browser.Tests;

/// <summary>
/// The portal on a real loopback port and Debian's Chromium driven by Playwright. No browser is downloaded:
/// a missing /usr/bin/chromium fails the test and says which package to install.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? playwright;

    /// <summary>The portal on the simulated datacenter with short steps, so a deployment completes within a journey.</summary>
    public PortalAppFactory Factory { get; } = new(new Dictionary<string, string?>
    {
        ["Portal:Provisioning:Simulation:StepMilliseconds"] = "20",
    });

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The portal's address at <c>localhost</c>: WebAuthn-aware scripts dislike bare IPs.</summary>
    public string BaseUrl { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"The browser tests need Chromium at {ChromiumPath}: install the Debian package 'chromium' " +
                "(tests/run.sh does this when run as root).");
        }

        Factory.UseKestrel(0);
        Factory.StartServer();
        var address = Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = address.Replace("127.0.0.1", "localhost", StringComparison.Ordinal).Replace("[::1]", "localhost", StringComparison.Ordinal);

        // The suite runs its test projects in parallel on two cores: give a busy page time.
        Assertions.SetDefaultExpectTimeout(30_000);
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run"],
        });
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl });
        // The suite runs its test projects in parallel on two cores; a page may wait for a busy server.
        context.SetDefaultTimeout(30_000);
        context.SetDefaultNavigationTimeout(60_000);
        return await context.NewPageAsync();
    }

    /// <summary>Signs in through the real form and waits until the landing page is interactive.</summary>
    public async Task<IPage> SignedInPageAsync(string email, string password = PortalAppFactory.DemoPassword)
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await SignInAsync(page, email, password);
        return page;
    }

    /// <summary>Fills and posts the sign-in form on the current page, then waits for the interactive landing page.</summary>
    public static async Task SignInAsync(IPage page, string email, string password = PortalAppFactory.DemoPassword)
    {
        await page.FillAsync("#Input\\.Email", email);
        await page.FillAsync("#Input\\.Password", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));
        await page.Locator("[data-interactive=true]").WaitForAsync();
    }

    /// <summary>Opens a page and waits until its circuit is up, so typing and clicking reach the server.</summary>
    public static async Task GotoInteractiveAsync(IPage page, string url)
    {
        await page.GotoAsync(url);
        await page.Locator("[data-interactive=true]").WaitForAsync();
    }

    /// <summary>
    /// Saves what the page shows when PORTAL_SCREENSHOTS names a folder, so a person can look at a journey
    /// (tests/run.sh sets it to TestResults/screenshots: every run keeps its screenshots as artifacts).
    /// </summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Environment.GetEnvironmentVariable("PORTAL_SCREENSHOTS");
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
            // A full-page capture of a scrolled page draws the fixed app bar and drawer where the scroll left them,
            // across the middle of the page: capture from the top.
            await page.EvaluateAsync("() => window.scrollTo(0, 0)");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        await Factory.DisposeAsync();
    }
}
