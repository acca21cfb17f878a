using System.Net;

namespace Portal.Web.Tests.Account;

public sealed class RoleRuleTests(RoleRuleTests.App app) : IClassFixture<RoleRuleTests.App>
{
    public sealed class App : IAsyncDisposable
    {
        public PortalAppFactory Factory { get; } = new();

        public ValueTask DisposeAsync() => Factory.DisposeAsync();
    }

    [Theory]
    [InlineData("requester@portal.local")]
    [InlineData("approver@portal.local")]
    public async Task Only_an_admin_may_open_the_users_page(string email)
    {
        using var client = app.Factory.CreateBrowserLikeClient();
        await FormSignIn.SignInAsync(client, email);

        using var response = await client.GetAsync("/admin/users", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_admin_opens_the_users_page()
    {
        using var client = app.Factory.CreateBrowserLikeClient();
        await FormSignIn.SignInAsync(client, "admin@portal.local");

        using var response = await client.GetAsync("/admin/users", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Users", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("requester@portal.local", "Request servers", "Run the portal")]
    [InlineData("admin@portal.local", "Run the portal", "Request servers")]
    public async Task The_home_page_tells_each_role_what_it_can_do(string email, string shown, string hidden)
    {
        using var client = app.Factory.CreateBrowserLikeClient();
        await FormSignIn.SignInAsync(client, email);

        var home = await client.GetStringAsync("/", TestContext.Current.CancellationToken);

        Assert.Contains(shown, home, StringComparison.Ordinal);
        Assert.DoesNotContain(hidden, home, StringComparison.Ordinal);
    }
}
