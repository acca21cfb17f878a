using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Portal.Web.Tests.Security;

/// <summary>
/// A body over the server's limit, on Kestrel (the in-memory test server has no body limit): a 413 with a problem
/// body, not a bare status or a misleading 400, and the request not carried out.
/// </summary>
public sealed class HttpBodyLimitTests(HttpBodyLimitTests.App app) : IClassFixture<HttpBodyLimitTests.App>
{
    public const long Limit = 64 * 1024;

    public sealed class App : IAsyncDisposable
    {
        public App()
        {
            Factory.UseKestrel(0);
            Portal = Factory.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
                services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize = Limit)));
            Portal.UseKestrel(0);
            Portal.StartServer();
            BaseAddress = new Uri(Portal.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        }

        public Uri BaseAddress { get; }

        public PortalAppFactory Factory { get; } = new();

        public WebApplicationFactory<Program> Portal { get; }

        public async Task<HttpClient> ClientAsync(string email)
        {
            var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = BaseAddress };
            await FormSignIn.SignInAsync(client, email);
            return client;
        }

        public async ValueTask DisposeAsync()
        {
            await Portal.DisposeAsync();
            await Factory.DisposeAsync();
        }
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/api/requests/preview")] // a minimal API [FromBody] JSON parameter
    [InlineData("/api/images")] // an endpoint that reads the body itself
    public async Task A_body_over_the_limit_answers_a_413_problem(string path)
    {
        using var client = await app.ClientAsync("admin@portal.local");
        var json = JsonSerializer.Serialize(new { reason = new string('x', (int)Limit * 2) });

        using var response = await client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"), Token);
        var body = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(413, JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32());
        HttpTestFailure.AssertNoExceptionDetails(body);
    }
}
