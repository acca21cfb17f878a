using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Portal.Web.Tests.Security;

/// <summary>
/// Errors on the real pipeline, in Development (as the tests run, and as the issue found them) and in Production:
/// statuses passed through with problem details, and no exception type, message or stack in any response.
/// (Unknown pages and /favicon.ico: Hosting/UnknownAddressTests.)
/// </summary>
public sealed class HttpErrorResponseTests(HttpErrorResponseTests.App app) : IClassFixture<HttpErrorResponseTests.App>
{
    public sealed class App : IAsyncDisposable
    {
        public App()
        {
            Development = Factory.WithWebHostBuilder(b => b.ConfigureTestServices(Failing));
            Production = Factory.WithWebHostBuilder(b => b.UseEnvironment("Production").ConfigureTestServices(Failing));
        }

        public PortalAppFactory Factory { get; } = new();

        /// <summary>The portal where a request with <see cref="HttpTestFailure.Header"/> throws.</summary>
        public WebApplicationFactory<Program> Development { get; }

        public WebApplicationFactory<Program> Production { get; }

        public async Task<HttpClient> ClientAsync(WebApplicationFactory<Program> portal, string? email)
        {
            var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
            if (email is not null)
            {
                await FormSignIn.SignInAsync(client, email);
            }

            return client;
        }

        private static void Failing(IServiceCollection services) => services.AddSingleton<IAuthorizationHandler, HttpTestFailure>();

        public async ValueTask DisposeAsync()
        {
            await Development.DisposeAsync();
            await Production.DisposeAsync();
            await Factory.DisposeAsync();
        }
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(null, "application/json")]
    [InlineData("requester@portal.local", "application/json")]
    [InlineData("requester@portal.local", "text/html")]
    public async Task An_api_that_throws_answers_a_500_problem_without_the_exception_in_development(string? email, string accept)
    {
        using var client = await app.ClientAsync(app.Development, email);

        using var response = await SendFailingAsync(client, "/api/requests", accept);
        var body = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(500, JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32());
        HttpTestFailure.AssertNoExceptionDetails(body);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("requester@portal.local")]
    public async Task An_api_that_throws_answers_a_500_problem_without_the_exception_in_production(string? email)
    {
        using var client = await app.ClientAsync(app.Production, email);

        using var response = await SendFailingAsync(client, "/api/requests", "application/json");
        var body = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        HttpTestFailure.AssertNoExceptionDetails(body);
    }

    [Fact]
    public async Task A_page_that_throws_shows_an_anonymous_visitor_the_error_page_without_the_exception_even_in_development()
    {
        using var client = await app.ClientAsync(app.Development, email: null);

        using var response = await SendFailingAsync(client, "/library", "text/html");
        var html = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.StartsWith("text/html", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Contains("Something went wrong", html, StringComparison.Ordinal);
        HttpTestFailure.AssertNoExceptionDetails(html);
    }

    [Fact]
    public async Task A_page_that_throws_shows_a_signed_in_user_the_error_page_without_the_exception_in_production()
    {
        using var client = await app.ClientAsync(app.Production, "requester@portal.local");

        using var response = await SendFailingAsync(client, "/library", "text/html");
        var html = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("Something went wrong", html, StringComparison.Ordinal);
        HttpTestFailure.AssertNoExceptionDetails(html);
    }

    [Fact]
    public async Task A_signed_in_developer_still_gets_the_developer_exception_page_for_a_page_in_development()
    {
        using var client = await app.ClientAsync(app.Development, "requester@portal.local");

        using var response = await SendFailingAsync(client, "/library", "text/html");
        var html = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains(HttpTestFailure.Marker, html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DELETE", "/api/images", "GET, POST")]
    [InlineData("PUT", "/api/requests/3f2504e0-4f89-11d3-9a0c-0305e82c3301/cancel", "POST")]
    [InlineData("POST", "/api/servers", "GET")]
    public async Task A_wrong_method_on_an_api_path_answers_405_with_allow_and_a_problem(string method, string path, string allow)
    {
        using var client = await app.ClientAsync(app.Factory, "admin@portal.local");

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Token);
        var body = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(allow, string.Join(", ", response.Content.Headers.Allow));
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(405, JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task A_wrong_method_on_a_path_with_a_constraint_it_does_not_meet_is_not_found()
    {
        using var client = await app.ClientAsync(app.Factory, "admin@portal.local");

        using var response = await client.DeleteAsync("/api/images/not-a-guid", Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("DELETE")]
    public async Task Any_method_on_an_unknown_api_path_answers_a_404_problem(string method)
    {
        using var client = await app.ClientAsync(app.Factory, "requester@portal.local");

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/api/no-such-thing"), Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("GET", "/api/no-such-thing")]
    [InlineData("POST", "/api/no-such-thing")]
    [InlineData("GET", "/api/images/not-a-guid/anything")]
    public async Task An_unknown_api_path_answers_a_404_problem_to_an_anonymous_caller_too(string method, string path)
    {
        using var client = await app.ClientAsync(app.Factory, email: null);

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Token);
        var body = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(404, JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32());
        HttpTestFailure.AssertNoExceptionDetails(body);
    }

    /// <summary>A known address asks for a session before it says which methods or bodies it takes.</summary>
    [Theory]
    [InlineData("GET", "/api/images", null)] // the endpoint itself
    [InlineData("DELETE", "/api/images", null)] // a method it does not take: 405 only once signed in
    [InlineData("POST", "/api/requests/preview", "application/xml")] // a body it does not take: 415 only once signed in
    public async Task A_known_api_path_still_asks_an_anonymous_caller_to_sign_in(string method, string path, string? contentType)
    {
        using var client = await app.ClientAsync(app.Factory, email: null);
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (contentType is not null)
        {
            request.Content = new StringContent("{}", Encoding.UTF8, contentType);
        }

        using var response = await client.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("application/xml")]
    [InlineData("text/plain")]
    public async Task A_body_of_the_wrong_content_type_answers_a_415_problem(string contentType)
    {
        using var client = await app.ClientAsync(app.Factory, "requester@portal.local");

        using var response = await client.PostAsync("/api/requests/preview", new StringContent("{}", Encoding.UTF8, contentType), Token);
        var body = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(415, JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32());
        HttpTestFailure.AssertNoExceptionDetails(body);
    }

    [Fact]
    public async Task Unreadable_json_answers_a_400_problem_that_says_so()
    {
        using var client = await app.ClientAsync(app.Factory, "requester@portal.local");

        using var response = await client.PostAsync("/api/requests/preview", new StringContent("{ not json", Encoding.UTF8, "application/json"), Token);
        var body = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("JSON", JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        HttpTestFailure.AssertNoExceptionDetails(body);
    }

    private static Task<HttpResponseMessage> SendFailingAsync(HttpClient client, string path, string accept)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        request.Headers.Add(HttpTestFailure.Header, "1");
        return client.SendAsync(request, Token);
    }
}
