using System.Net;
using System.Text.Json;

namespace Portal.Web.Tests.Hosting;

public sealed class UnknownAddressTests(UnknownAddressTests.App app) : IClassFixture<UnknownAddressTests.App>
{
    public sealed class App() : IAsyncDisposable
    {
        public PortalAppFactory Factory { get; } = new();

        public ValueTask DisposeAsync() => Factory.DisposeAsync();
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false, "/no-such-page")]
    [InlineData(true, "/no-such-page")]
    [InlineData(true, "/library/old/link/that/moved")]
    public async Task An_unknown_page_shows_the_not_found_page_inside_the_shell_with_a_way_back(bool signedIn, string path)
    {
        using var client = await ClientAsync(signedIn);

        using var response = await client.GetAsync(path, Token);
        var html = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.StartsWith("text/html", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"not-found\"", html, StringComparison.Ordinal);
        Assert.True(html.Contains("mud-appbar", StringComparison.Ordinal) && html.Contains("mud-drawer", StringComparison.Ordinal),
            "The not-found page should render inside the shell: app bar and drawer.");
        Assert.Contains("href=\"/\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/library\"", html, StringComparison.Ordinal);
        AssertNoExceptionDetails(html);
    }

    [Fact]
    public async Task A_signed_in_user_sees_their_name_in_the_app_bar_of_the_not_found_page()
    {
        using var client = await ClientAsync(signedIn: true);

        var html = await (await client.GetAsync("/no-such-page", Token)).Content.ReadAsStringAsync(Token);

        Assert.Contains("data-testid=\"signed-in-user\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"not-found-sign-in\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_anonymous_visitor_on_the_not_found_page_is_offered_to_sign_in()
    {
        using var client = await ClientAsync(signedIn: false);

        var html = await (await client.GetAsync("/no-such-page", Token)).Content.ReadAsStringAsync(Token);

        Assert.Contains("data-testid=\"not-found-sign-in\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_real_page_still_asks_an_anonymous_visitor_to_sign_in()
    {
        using var client = await ClientAsync(signedIn: false);

        using var response = await client.GetAsync("/library", Token);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/no-such-thing")]
    [InlineData("/api/images/not-a-guid/anything")]
    public async Task An_unknown_api_path_answers_a_problem_details_404(string path)
    {
        using var client = await ClientAsync(signedIn: true);

        using var response = await client.GetAsync(path, Token);
        var body = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal(404, problem.RootElement.GetProperty("status").GetInt32());
        AssertNoExceptionDetails(body);
    }

    [Fact]
    public async Task An_unknown_api_path_answers_json_even_to_a_caller_that_prefers_html()
    {
        using var client = await ClientAsync(signedIn: true);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/no-such-thing");
        request.Headers.Accept.ParseAdd("text/html");

        using var response = await client.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_post_to_an_unknown_page_answers_404_not_a_form_error()
    {
        using var client = await ClientAsync(signedIn: true);

        using var response = await client.PostAsync("/no-such-page", new StringContent(""), Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        AssertNoExceptionDetails(await response.Content.ReadAsStringAsync(Token));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_favicon_is_served_as_an_image(bool signedIn)
    {
        using var client = await ClientAsync(signedIn);

        using var response = await client.GetAsync("/favicon.ico", Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("image/", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync(Token));
    }

    [Fact]
    public async Task Every_page_names_its_icons_in_the_head()
    {
        using var client = await ClientAsync(signedIn: false);

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/Account/Login", Token));

        Assert.Contains("<link rel=\"icon\" href=\"favicon.ico\"", html, StringComparison.Ordinal);
        Assert.Contains("type=\"image/svg+xml\"", html, StringComparison.Ordinal);
    }

    private async Task<HttpClient> ClientAsync(bool signedIn)
    {
        var client = app.Factory.CreateBrowserLikeClient();
        if (signedIn)
        {
            await FormSignIn.SignInAsync(client, "requester@portal.local");
        }

        return client;
    }

    /// <summary>The Development environment's exception page would name the exception and show its stack.</summary>
    private static void AssertNoExceptionDetails(string body)
    {
        Assert.False(body.Contains("Exception", StringComparison.Ordinal) || body.Contains("   at ", StringComparison.Ordinal),
            $"The response should carry no exception details; it was: {body[..Math.Min(body.Length, 600)]}");
    }
}
