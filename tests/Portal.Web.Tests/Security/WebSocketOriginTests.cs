using System.Net;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Portal.Web.Tests.Security;

/// <summary>
/// Blazor's hub over a real WebSocket, on Kestrel: a handshake carrying the admin's cookie from a page of another
/// origin is refused before it becomes a circuit, and one from the portal's own page (or from a client that is no
/// browser and sends no Origin) still opens.
/// </summary>
public sealed class WebSocketOriginTests(WebSocketOriginTests.App app) : IClassFixture<WebSocketOriginTests.App>
{
    public sealed class App : IAsyncDisposable
    {
        public App()
        {
            Factory.UseKestrel(0);
            Factory.StartServer();
            BaseAddress = new Uri(Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        }

        public Uri BaseAddress { get; }

        public PortalAppFactory Factory { get; } = new();

        /// <summary>The admin's session cookies, as a browser signed in to the portal holds them.</summary>
        public async Task<CookieContainer> AdminCookiesAsync()
        {
            var cookies = new CookieContainer();
            using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = BaseAddress };
            await FormSignIn.SignInAsync(client, "admin@portal.local");
            return cookies;
        }

        public ValueTask DisposeAsync() => Factory.DisposeAsync();
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private Uri Hub => new UriBuilder(app.BaseAddress) { Scheme = "ws", Path = "/_blazor" }.Uri;

    private string OwnOrigin => app.BaseAddress.GetLeftPart(UriPartial.Authority);

    [Theory]
    [InlineData("https://evil.example", null)]
    [InlineData("https://evil.example", "cross-site")]
    [InlineData("http://sibling.localhost", "same-site")]
    [InlineData("null", null)]
    public async Task A_websocket_to_blazors_hub_with_the_admins_cookie_from_another_origin_is_refused(string origin, string? fetchSite)
    {
        using var socket = await SocketAsync(origin, fetchSite);

        var refused = await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(Hub, Token));

        Assert.True(socket.HttpStatusCode == HttpStatusCode.Forbidden, $"The handshake from {origin} got {(int)socket.HttpStatusCode}: {refused.Message}");
    }

    [Fact]
    public async Task A_websocket_to_blazors_hub_from_the_portals_own_page_opens()
    {
        using var socket = await SocketAsync(OwnOrigin, "same-origin");

        await socket.ConnectAsync(Hub, Token);

        Assert.Equal(HttpStatusCode.SwitchingProtocols, socket.HttpStatusCode);
        Assert.Equal(WebSocketState.Open, socket.State);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", Token);
    }

    [Fact]
    public async Task A_websocket_from_a_client_that_sends_no_origin_opens()
    {
        using var socket = await SocketAsync(origin: null, fetchSite: null);

        await socket.ConnectAsync(Hub, Token);

        Assert.Equal(WebSocketState.Open, socket.State);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", Token);
    }

    private async Task<ClientWebSocket> SocketAsync(string? origin, string? fetchSite)
    {
        var socket = new ClientWebSocket();
        socket.Options.Cookies = await app.AdminCookiesAsync();
        socket.Options.CollectHttpResponseDetails = true;
        if (origin is not null)
        {
            socket.Options.SetRequestHeader("Origin", origin);
        }

        if (fetchSite is not null)
        {
            socket.Options.SetRequestHeader("Sec-Fetch-Site", fetchSite);
        }

        return socket;
    }
}
