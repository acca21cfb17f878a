using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Portal.Domain.Audit;

namespace Portal.Web.Admin.Audit;

/// <summary>
/// Hands the circuit's user, address and user agent to every event, JS call and navigation the circuit handles, so
/// what a page does is recorded as done by its user. The address and agent are those of the circuit's connection,
/// read while it is being set up (the hub call still runs inside the connection's HTTP request then).
/// </summary>
public sealed class AuditCircuitHandler(AuthenticationStateProvider authentication, IHttpContextAccessor http) : CircuitHandler
{
    private string? address;
    private string? userAgent;

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Capture();
        return Task.CompletedTask;
    }

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            Capture();
            var state = await authentication.GetAuthenticationStateAsync();
            PortalAuditContext.EnterCircuit(AuditActors.Of(state.User, address, userAgent));
            await next(context);
        };

    private void Capture()
    {
        if (http.HttpContext is { } context && AuditActors.Of(context) is { Address: { } known } actor)
        {
            address = known;
            userAgent = actor.UserAgent;
        }
    }
}
