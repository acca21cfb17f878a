using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Net.Http.Headers;

namespace Portal.Web.Tokens;

/// <summary>
/// Which credential a request is judged by. A request to the API (<c>/api</c>, <c>/openapi</c>, <c>/metrics</c>) that carries
/// <c>Authorization: Bearer …</c> is judged by its personal access token alone, its cookie ignored; every other
/// request by the sign-in cookie alone, so pages never take a token. Because a bearer request is never authorized by
/// a cookie, it carries no credential a browser adds by itself, and the cross-site check lets it through
/// (<see cref="Hosting.Http.CrossSiteRequestGuard"/>).
/// </summary>
public static class AccessTokenAuthentication
{
    /// <summary>The scheme that checks personal access tokens.</summary>
    public const string Scheme = "PortalAccessToken";

    /// <summary>The default scheme: picks the token or the cookie per request (see the class summary).</summary>
    public const string Selector = "PortalCookieOrToken";

    /// <summary>On a principal the token scheme made: the id of the token that authenticated the call.</summary>
    public const string TokenIdClaim = "portal:token_id";

    private const string Bearer = "Bearer ";

    /// <summary>Whether <paramref name="request"/> is an API call that presents a bearer token (valid or not).</summary>
    public static bool IsBearerRequest(HttpRequest request) =>
        Hosting.Http.MachineAddresses.Contains(request.Path)
        && request.Headers[HeaderNames.Authorization] is { Count: 1 } values
        && values[0] is { } value && value.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase);

    /// <summary>The token text after <c>Bearer </c>, when <see cref="IsBearerRequest"/>.</summary>
    public static string? BearerToken(HttpRequest request) =>
        IsBearerRequest(request) ? request.Headers[HeaderNames.Authorization][0]![Bearer.Length..].Trim() : null;

    /// <summary>The scheme to judge <paramref name="context"/> by.</summary>
    public static string SchemeFor(HttpContext context) =>
        IsBearerRequest(context.Request) ? Scheme : IdentityConstants.ApplicationScheme;

    /// <summary>Whether <paramref name="user"/> was signed in by a token rather than the cookie.</summary>
    public static bool IsToken(ClaimsPrincipal user) => user.HasClaim(c => c.Type == TokenIdClaim);

    /// <summary>The id of the token that authenticated <paramref name="user"/>, if one did.</summary>
    public static string? TokenIdOf(ClaimsPrincipal user) => user.FindFirst(TokenIdClaim)?.Value;
}
