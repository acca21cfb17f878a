using System.Net;

namespace Portal.Web.Tests.Account;

public sealed class SignInReturnUrlTests : IAsyncLifetime
{
    private readonly PortalAppFactory factory = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => factory.DisposeAsync();

    [Theory]
    [InlineData("https://evil.example/steal")]
    [InlineData("//evil.example/steal")]
    [InlineData("/\\evil.example/steal")]
    [InlineData("http://localhost.evil.example/")]
    [InlineData("javascript:alert(1)")]
    public async Task A_foreign_return_url_is_ignored_the_user_is_signed_in_and_sent_home(string returnUrl)
    {
        using var browser = factory.CreateBrowserLikeClient();

        using var response = await SignInAsync(browser, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("http://localhost/", Resolved(response));
        Assert.Contains("Welcome, Riya Requester", await browser.GetStringAsync("/", Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_local_return_url_is_followed()
    {
        using var browser = factory.CreateBrowserLikeClient();

        using var response = await SignInAsync(browser, "/requests?page=2");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("http://localhost/requests?page=2", Resolved(response));
    }

    private static string Resolved(HttpResponseMessage response) =>
        new Uri(new Uri("http://localhost/"), response.Headers.Location!).AbsoluteUri;

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string returnUrl)
    {
        var address = "/Account/Login?ReturnUrl=" + Uri.EscapeDataString(returnUrl);
        var page = await client.GetStringAsync(address, Token);
        return await client.PostAsync(address, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = FormSignIn.AntiforgeryToken(page),
            ["Input.Email"] = "requester@portal.local",
            ["Input.Password"] = PortalAppFactory.DemoPassword,
        }), Token);
    }
}
