using System.Net;
using System.Net.Http.Headers;
using Microsoft.Playwright;

namespace Portal.Browser.Tests;

/// <summary>
/// Riya makes a token for her deployment script on her profile, sees it once, the script calls the API with it, and
/// she revokes it; the admin reads the API reference at /api/docs, which runs under the portal's Content-Security-Policy
/// with its script served by the portal (the machine has no internet, so a CDN script would not load at all).
/// </summary>
public sealed class AccessTokenJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static async Task<HttpStatusCode> CallWithAsync(string baseUrl, string token)
    {
        using var script = new HttpClient { BaseAddress = new Uri(baseUrl) };
        script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await script.GetAsync("/api/requests", TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    [Fact]
    public async Task Riya_creates_a_token_sees_it_once_her_script_uses_it_and_she_revokes_it()
    {
        var page = await browser.SignedInPageAsync("requester@portal.local");
        await page.GotoAsync("/Account/Manage");
        await page.GetByRole(AriaRole.Link, new() { Name = "Personal access tokens" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/Account/Manage/Tokens", StringComparison.Ordinal));
        await page.Locator("[data-interactive=true]").WaitForAsync();

        await page.Locator("input[data-testid=token-name], [data-testid=token-name] input").FillAsync("deploy script");
        await page.Locator("[data-testid=create-token]").ClickAsync();
        var value = page.Locator("input[data-testid=new-token-value], [data-testid=new-token-value] input");
        await Assertions.Expect(value).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^ptk_[0-9a-f]{24}_"));
        var token = await value.InputValueAsync();
        await Assertions.Expect(page.Locator("[data-testid=tokens]")).ToContainTextAsync("deploy script");
        await BrowserFixture.ScreenshotAsync(page, "tokens-01-created-shown-once");

        Assert.Equal(HttpStatusCode.OK, await CallWithAsync(browser.BaseUrl, token));

        // Shown once: after a reload the list has its prefix, nowhere its secret.
        await BrowserFixture.GotoInteractiveAsync(page, "/Account/Manage/Tokens");
        await Assertions.Expect(page.Locator("[data-testid=tokens]")).ToContainTextAsync(token[..28]);
        Assert.DoesNotContain(token[29..], await page.ContentAsync());

        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke deploy script" }).ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=tokens]")).ToContainTextAsync("revoked");
        await BrowserFixture.ScreenshotAsync(page, "tokens-02-revoked");
        Assert.Equal(HttpStatusCode.Unauthorized, await CallWithAsync(browser.BaseUrl, token));
    }

    [Fact]
    public async Task The_api_reference_renders_the_portals_operations_without_violating_the_policy()
    {
        var page = await browser.NewPageAsync();
        await page.Context.AddInitScriptAsync(
            "window.__cspViolations = []; document.addEventListener('securitypolicyviolation', e => " +
            "window.__cspViolations.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber));");
        var external = new List<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(browser.BaseUrl, StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                lock (external)
                {
                    external.Add(request.Url);
                }
            }
        };

        await page.GotoAsync("/Account/Login");
        await BrowserFixture.SignInAsync(page, "admin@portal.local");
        await page.GotoAsync("/api/docs");
        await Assertions.Expect(page.GetByText("Portal API").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Lists the image library, paged, searched and filtered").First).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "api-docs-01-reference");

        // One refusal is expected and harmless: the bundled Zod probes whether it may compile validators with
        // Function("") and falls back to interpreting them when the policy says no. The portal keeps 'unsafe-eval' out.
        var violations = (await page.EvaluateAsync<string[]>("() => window.__cspViolations.splice(0)"))
            .Where(v => !(v.StartsWith("script-src blocked eval at ", StringComparison.Ordinal) && v.Contains("/api/docs/scalar.js:", StringComparison.Ordinal)))
            .ToArray();
        Assert.True(violations.Length == 0, "The policy blocked something on /api/docs:\n" + string.Join('\n', violations));
        lock (external)
        {
            Assert.True(external.Count == 0, "The reference asked for something outside the portal:\n" + string.Join('\n', external));
        }
    }
}
