using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Http;
using Portal.Domain.Audit;
using Portal.Web.Admin.Audit;

namespace Portal.Web.Tests.Admin;

/// <summary>What a page does in a Blazor circuit is recorded as done by the circuit's user, from the circuit's connection.</summary>
public sealed class AuditCircuitHandlerTests
{
    private sealed class SignedIn(ClaimsPrincipal user) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(user));
    }

    private static ClaimsPrincipal Admin() => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.NameIdentifier, "u-42"), new Claim(ClaimTypes.Name, "admin@portal.local"), new Claim("portal:display_name", "Ada Admin")], "cookie"));

    [Fact]
    public async Task Work_started_by_a_circuit_event_acts_as_the_circuits_user_from_its_connections_address()
    {
        var http = new HttpContextAccessor();
        var connection = new DefaultHttpContext();
        connection.Connection.RemoteIpAddress = IPAddress.Parse("198.51.100.23");
        connection.Request.Headers.UserAgent = "Firefox/140";
        http.HttpContext = connection;
        var handler = new AuditCircuitHandler(new SignedIn(Admin()), http);
        var context = new PortalAuditContext(http);
        await handler.OnConnectionUpAsync(null!, TestContext.Current.CancellationToken);
        http.HttpContext = null;

        AuditActor? during = null;
        await handler.CreateInboundActivityHandler(async _ =>
        {
            await Task.Yield();
            during = context.Current;
        })(null!);

        Assert.Equal(new AuditActor("u-42", "admin@portal.local", "Ada Admin", "198.51.100.23", "Firefox/140"), during);
        Assert.Equal(AuditActor.System, context.Current);
    }
}
