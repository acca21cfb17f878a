using System.Net;

namespace Portal.Web.Tests.Hosting;

public sealed class AnonymousAccessTests(AnonymousAccessTests.App app) : IClassFixture<AnonymousAccessTests.App>
{
    public sealed class App() : IAsyncDisposable
    {
        public PortalAppFactory Factory { get; } = new();

        public ValueTask DisposeAsync() => Factory.DisposeAsync();
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/admin/users")]
    [InlineData("/Account/Manage")]
    [InlineData("/Account/Manage/ChangePassword")]
    public async Task An_anonymous_visitor_is_sent_to_the_sign_in_page(string path)
    {
        using var client = app.Factory.CreateBrowserLikeClient();

        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Contains("ReturnUrl=" + Uri.EscapeDataString(path), response.Headers.Location!.Query, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/Account/Login", "Sign in")]
    [InlineData("/Account/Lockout", "Account locked")]
    [InlineData("/Account/AccessDenied", "Access denied")]
    public async Task The_sign_in_pages_are_open_to_anonymous_visitors(string path, string heading)
    {
        using var client = app.Factory.CreateBrowserLikeClient();

        var html = await client.GetStringAsync(path, TestContext.Current.CancellationToken);

        Assert.Contains(heading, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_answers_healthy_without_signing_in()
    {
        using var client = app.Factory.CreateBrowserLikeClient();

        using var response = await client.GetAsync("/health", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task An_api_caller_without_a_session_gets_401_not_the_sign_in_page()
    {
        using var client = app.Factory.CreateBrowserLikeClient();

        using var response = await client.GetAsync("/api/images", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
