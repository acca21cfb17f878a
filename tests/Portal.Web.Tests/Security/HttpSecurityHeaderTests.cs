using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Portal.Web.Tests.Security;

/// <summary>The security headers on pages, API responses and errors; HSTS and the Secure antiforgery cookie over HTTPS.</summary>
public sealed partial class HttpSecurityHeaderTests(HttpSecurityHeaderTests.App app) : IClassFixture<HttpSecurityHeaderTests.App>
{
    public sealed class App : IAsyncDisposable
    {
        public App() => Production = Factory.WithWebHostBuilder(b => b.UseEnvironment("Production"));

        public PortalAppFactory Factory { get; } = new();

        public WebApplicationFactory<Program> Production { get; }

        public async Task<HttpClient> ClientAsync(string? email)
        {
            var client = Factory.CreateBrowserLikeClient();
            if (email is not null)
            {
                await FormSignIn.SignInAsync(client, email);
            }

            return client;
        }

        public async ValueTask DisposeAsync()
        {
            await Production.DisposeAsync();
            await Factory.DisposeAsync();
        }
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(null, "/Account/Login")]
    [InlineData("requester@portal.local", "/library")]
    [InlineData("requester@portal.local", "/no-such-page")]
    public async Task A_page_carries_the_page_policy_and_its_import_map_the_policys_nonce(string? email, string path)
    {
        using var client = await app.ClientAsync(email);

        using var response = await client.GetAsync(path, Token);
        var html = await response.Content.ReadAsStringAsync(Token);

        AssertCommonHeaders(response);
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        foreach (var directive in new[]
        {
            "default-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data:", "object-src 'none'",
            "frame-ancestors 'none'", "form-action 'self'", "base-uri 'self'", "connect-src 'self' ws://localhost wss://localhost",
        })
        {
            Assert.Contains(directive, policy, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
        var nonce = ScriptNonce().Match(policy);
        Assert.True(nonce.Success, $"script-src should be 'self' and a nonce: {policy}");
        Assert.Contains($"<script type=\"importmap\" nonce=\"{nonce.Groups[1].Value}\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_page_gets_a_fresh_nonce()
    {
        using var client = await app.ClientAsync(null);

        using var first = await client.GetAsync("/Account/Login", Token);
        using var second = await client.GetAsync("/Account/Login", Token);

        Assert.NotEqual(
            ScriptNonce().Match(first.Headers.GetValues("Content-Security-Policy").Single()).Value,
            ScriptNonce().Match(second.Headers.GetValues("Content-Security-Policy").Single()).Value);
    }

    [Theory]
    [InlineData("requester@portal.local", "/api/images", HttpStatusCode.OK)]
    [InlineData("requester@portal.local", "/api/no-such-thing", HttpStatusCode.NotFound)]
    [InlineData(null, "/api/images", HttpStatusCode.Unauthorized)]
    [InlineData(null, "/health", HttpStatusCode.OK)]
    public async Task An_api_response_carries_the_headers_and_a_policy_that_allows_nothing(string? email, string path, HttpStatusCode status)
    {
        using var client = await app.ClientAsync(email);

        using var response = await client.GetAsync(path, Token);

        Assert.Equal(status, response.StatusCode);
        AssertCommonHeaders(response);
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_cross_site_request_carries_the_headers_too()
    {
        using var client = await app.ClientAsync("requester@portal.local");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/requests/preview");
        request.Headers.Add("Sec-Fetch-Site", "cross-site");

        using var response = await client.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        AssertCommonHeaders(response);
    }

    [Fact]
    public async Task Https_responses_outside_development_carry_hsts()
    {
        using var client = app.Production.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://portal.example"), AllowAutoRedirect = false });

        using var response = await client.GetAsync("/health", Token);

        Assert.Equal("max-age=31536000", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
    }

    [Fact]
    public async Task Development_sends_no_hsts()
    {
        using var client = app.Factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://portal.example"), AllowAutoRedirect = false });

        using var response = await client.GetAsync("/health", Token);

        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Theory]
    [InlineData("https://portal.example", true)]
    [InlineData("http://portal.example", false)]
    public async Task The_antiforgery_cookie_is_secure_over_https(string baseAddress, bool secure)
    {
        using var client = app.Factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(baseAddress), AllowAutoRedirect = false, HandleCookies = false });

        using var response = await client.GetAsync("/Account/Login", Token);

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        Assert.Equal(secure, cookie.Contains("; secure", StringComparison.OrdinalIgnoreCase));
    }

    private static void AssertCommonHeaders(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [GeneratedRegex("script-src 'self' 'nonce-([A-Za-z0-9]{32})'")]
    private static partial Regex ScriptNonce();
}
