using Microsoft.Playwright;

namespace Portal.Browser.Tests;

/// <summary>
/// The pages work under the portal's Content-Security-Policy in a real browser: Blazor's circuit (scripts, the
/// import map, the SignalR WebSocket), MudBlazor's inline styles and popovers, the diagram canvas. Chromium reports
/// every blocked script, style, image or connection as a <c>securitypolicyviolation</c> event and a console error;
/// the test collects both and expects none.
/// </summary>
public sealed class ContentSecurityPolicyJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Signing_in_and_opening_the_main_pages_and_the_designer_violates_no_policy()
    {
        var page = await browser.NewPageAsync();
        var console = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                lock (console)
                {
                    console.Add(message.Text);
                }
            }
        };
        // Injected by the browser driver, outside the page's policy: it records what the policy blocks.
        await page.Context.AddInitScriptAsync(
            "window.__cspViolations = []; document.addEventListener('securitypolicyviolation', e => " +
            "window.__cspViolations.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber));");

        var violations = new List<string>();
        await page.GotoAsync("/Account/Login");
        violations.AddRange(await ViolationsAsync(page, "/Account/Login"));
        await BrowserFixture.SignInAsync(page, "admin@portal.local");
        violations.AddRange(await ViolationsAsync(page, "home"));

        foreach (var path in new[] { "/library", "/catalog", "/requests", "/admin/workflows", "/no-such-page" })
        {
            await BrowserFixture.GotoInteractiveAsync(page, path);
            violations.AddRange(await ViolationsAsync(page, path));
        }

        await BrowserFixture.GotoInteractiveAsync(page, "/admin/workflows/server-provisioning");
        await Assertions.Expect(page.Locator("[data-testid=activity-node]").First).ToBeVisibleAsync();
        violations.AddRange(await ViolationsAsync(page, "designer"));
        await BrowserFixture.ScreenshotAsync(page, "csp-01-designer");

        lock (console)
        {
            Assert.True(violations.Count == 0 && console.Count == 0,
                $"The Content-Security-Policy blocked something:\n{string.Join('\n', violations.Concat(console))}");
        }

        // The control: an inline script without the nonce is blocked, and the recorder sees it.
        await page.EvaluateAsync("() => { const s = document.createElement('script'); s.textContent = 'window.__injected = 1'; document.body.appendChild(s); }");
        await page.WaitForFunctionAsync("() => window.__cspViolations.length > 0");
        Assert.Null(await page.EvaluateAsync<int?>("() => window.__injected"));
    }

    private static async Task<IEnumerable<string>> ViolationsAsync(IPage page, string where) =>
        (await page.EvaluateAsync<string[]>("() => window.__cspViolations.splice(0)")).Select(v => $"{where}: {v}");
}
