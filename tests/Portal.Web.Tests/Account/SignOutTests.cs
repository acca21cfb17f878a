using System.Net;

namespace Portal.Web.Tests.Account;

public sealed class SignOutTests : IAsyncLifetime
{
    private const string SessionCookie = ".AspNetCore.Identity.Application";

    private readonly AccountTestHost host = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task A_session_cookie_copied_before_sign_out_is_refused_afterwards_on_pages_and_the_api()
    {
        using var browser = host.Browser("198.51.100.20");
        string copied;
        using (var signIn = await FormSignIn.PostAsync(browser, "requester@portal.local", PortalAppFactory.DemoPassword))
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            copied = signIn.Headers.GetValues("Set-Cookie").Select(cookie => cookie.Split(';')[0])
                .Single(cookie => cookie.StartsWith(SessionCookie + "=", StringComparison.Ordinal));
        }

        using var thief = host.Bare("203.0.113.9");
        thief.DefaultRequestHeaders.Add("Cookie", copied);
        using (var before = await thief.GetAsync("/api/requests", Token))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await SignOutAsync(browser);

        using var page = await thief.GetAsync("/", Token);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/Account/Login", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        using var api = await thief.GetAsync("/api/requests", Token);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Fact]
    public async Task Signing_in_again_after_signing_out_works()
    {
        using var browser = host.Browser("198.51.100.21");
        await FormSignIn.SignInAsync(browser, "approver@portal.local");
        await SignOutAsync(browser);

        await FormSignIn.SignInAsync(browser, "approver@portal.local");

        using var home = await browser.GetAsync("/", Token);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
    }

    [Fact]
    public async Task A_foreign_return_url_on_sign_out_goes_home()
    {
        using var browser = host.Browser("198.51.100.22");
        await FormSignIn.SignInAsync(browser, "approver@portal.local");

        using var signOut = await SignOutAsync(browser, "//evil.example/");

        Assert.Equal("/", signOut.Headers.Location!.OriginalString);
    }

    private static async Task<HttpResponseMessage> SignOutAsync(HttpClient browser, string returnUrl = "/")
    {
        var home = await browser.GetStringAsync("/", Token);
        var signOut = await browser.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = FormSignIn.AntiforgeryToken(home),
            ["returnUrl"] = returnUrl,
        }), Token);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        return signOut;
    }
}
