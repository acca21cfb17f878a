using Microsoft.Net.Http.Headers;

namespace Portal.Web.Hosting.Http;

/// <summary>
/// Cross-site request forgery defence for everything a cookie alone could authorize, the JSON API first (pages'
/// forms carry antiforgery tokens as well). Two checks, on state-changing methods and WebSocket handshakes only:
/// <list type="number">
/// <item>What the browser says about the request's origin. <c>Sec-Fetch-Site</c> (sent by every current browser,
/// and not settable by page scripts) decides when present: <c>same-origin</c> and <c>none</c> (typed or bookmarked)
/// pass, <c>cross-site</c> is refused, <c>same-site</c> (a sibling subdomain, which may be less trusted) passes only with
/// an <c>Origin</c> equal to the portal's own. Without it, an <c>Origin</c> header must name the portal's own scheme,
/// host and port. A request with neither header is no browser's cross-site request (scripts, curl, the image
/// writer's callback) and passes: the cookie, a token or the boot token in the URL authorizes it as before.</item>
/// <item>On the API, the three content types a web page may send to another site without the browser asking it first
/// (<c>text/plain</c>, form-urlencoded, multipart) are refused with 415: the API takes JSON, or raw bytes for uploads,
/// so such a body can only be a forgery or a mistake. This also holds when the browser's headers are missing.</item>
/// </list>
/// A WebSocket handshake is a GET, yet it opens a live session under the cookie (Blazor's circuit at <c>/_blazor</c>
/// takes a WebSocket without negotiating first), and browsers let any page open one to any site, sending the cookie
/// when SameSite allows it (a sibling subdomain) and always an <c>Origin</c>. So it gets the first check too. The other
/// SignalR transports need the connection id from the negotiate POST, which the first check already covers.
/// An API call with <c>Authorization: Bearer</c> skips the first check: it is judged by its token alone, never by the
/// cookie (<see cref="Tokens.AccessTokenAuthentication"/>), and a browser sends that header only when a script of the
/// page sets it, which another site's script cannot do here (no CORS), so it carries nothing a forger could borrow.
/// </summary>
public sealed partial class CrossSiteRequestGuard(RequestDelegate next, ILogger<CrossSiteRequestGuard> logger)
{
    private const string FetchSite = "Sec-Fetch-Site";

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if ((HttpMethods.IsGet(request.Method) && !IsWebSocketHandshake(request))
            || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method))
        {
            return next(context);
        }

        var site = request.Headers[FetchSite].ToString();
        var origin = request.Headers.Origin.ToString();
        if (!Tokens.AccessTokenAuthentication.IsBearerRequest(request) && !IsSameOrigin(request, site, origin))
        {
            LogRefused(request.Method, request.Path, site, origin);
            return ProblemResults.WriteAsync(context, StatusCodes.Status403Forbidden,
                "The portal accepts changes only from its own pages: this request came from another site. " +
                "Scripts and other clients that are not browsers may call the API without the Origin and Sec-Fetch-Site headers.",
                "Cross-site request refused");
        }

        if (request.Path.StartsWithSegments("/api") && IsFormLike(request.ContentType))
        {
            return ProblemResults.WriteAsync(context, StatusCodes.Status415UnsupportedMediaType,
                $"The API does not take '{MediaTypeOf(request.ContentType)}' bodies: send JSON (Content-Type: application/json), " +
                "or application/octet-stream for a file.",
                "Unsupported media type");
        }

        return next(context);
    }

    /// <summary>Whether the browser's headers (if any) say the request comes from the portal's own pages.</summary>
    public static bool IsSameOrigin(HttpRequest request, string fetchSite, string origin) => fetchSite.ToLowerInvariant() switch
    {
        "same-origin" or "none" => true,
        "same-site" => origin.Length > 0 && IsOwnOrigin(request, origin),
        "" => origin.Length == 0 || IsOwnOrigin(request, origin),
        _ => false,
    };

    /// <summary>Scheme, host and port of <paramref name="origin"/> equal the request's (default ports made explicit).</summary>
    public static bool IsOwnOrigin(HttpRequest request, string origin)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || !request.Host.HasValue)
        {
            return false; // "null" (a sandboxed frame, a file) or garbage
        }

        var ownPort = request.Host.Port ?? (string.Equals(request.Scheme, "https", StringComparison.OrdinalIgnoreCase) ? 443 : 80);
        return string.Equals(uri.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(uri.IdnHost, new HostString(request.Host.Host).ToUriComponent().Trim('[', ']'), StringComparison.OrdinalIgnoreCase)
            && uri.Port == ownPort
            && uri.AbsolutePath == "/";
    }

    /// <summary>
    /// An HTTP/1.1 WebSocket upgrade, read from its headers: this runs before routing, ahead of the WebSocket middleware
    /// SignalR adds to its own endpoints, so <c>HttpContext.WebSockets</c> cannot tell yet. (HTTP/2 handshakes are
    /// CONNECT requests, which the check takes like any other method that is not a plain read.)
    /// </summary>
    private static bool IsWebSocketHandshake(HttpRequest request) =>
        request.Headers.Upgrade.Any(value => value?.Contains("websocket", StringComparison.OrdinalIgnoreCase) == true);

    private static bool IsFormLike(string? contentType)
    {
        var mediaType = MediaTypeOf(contentType);
        return mediaType.Equals("text/plain", StringComparison.OrdinalIgnoreCase)
            || mediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
            || mediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase);
    }

    private static string MediaTypeOf(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed) ? parsed.MediaType.ToString() : contentType ?? "";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Method} {Path} as cross-site (Sec-Fetch-Site '{FetchSite}', Origin '{Origin}')")]
    private partial void LogRefused(string method, PathString path, string fetchSite, string origin);
}
