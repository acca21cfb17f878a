using System.Security.Claims;
using Portal.Domain.Audit;
using Portal.Web.Account;

namespace Portal.Web.Admin.Audit;

/// <summary>Who an <see cref="AuditActor"/> is, from a signed-in (or anonymous) principal and the client's connection.</summary>
public static class AuditActors
{
    public static AuditActor Of(ClaimsPrincipal user, string? address, string? userAgent) =>
        user.Identity is { IsAuthenticated: true, Name: { } name }
            ? new AuditActor(user.FindFirstValue(ClaimTypes.NameIdentifier), name, user.FindFirstValue(PortalClaimTypes.DisplayName), address, userAgent)
            : AuditActor.Anonymous(address, userAgent);

    /// <summary>The caller of an HTTP request: its user, the connection's remote address (as forwarded-headers handling left it) and user agent.</summary>
    public static AuditActor Of(HttpContext context) =>
        Of(context.User, context.Connection.RemoteIpAddress is { } ip ? (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString() : null,
            context.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent : null);
}
