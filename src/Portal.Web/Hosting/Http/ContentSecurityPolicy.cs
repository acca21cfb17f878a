namespace Portal.Web.Hosting.Http;

/// <summary>
/// The Content-Security-Policy values. Pages get what Blazor Server and MudBlazor need and nothing more; every other
/// response (JSON, problem details, files) gets a policy that allows nothing, so a response opened directly in a
/// browser can neither run nor load anything, nor be framed.
/// </summary>
public static class ContentSecurityPolicy
{
    /// <summary>For everything that is not an HTML page.</summary>
    public const string ForData = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /// <summary>
    /// For HTML pages:
    /// scripts only from the portal itself (blazor.web.js, MudBlazor's and the diagram library's scripts, collocated
    /// modules) plus the one inline import map Blazor writes, allowed by this response's nonce; no <c>eval</c>;
    /// styles from the portal and inline (<c>'unsafe-inline'</c>: MudBlazor writes its theme as a <c>&lt;style&gt;</c>
    /// element and positions popovers, drawers and the diagram canvas through <c>style</c> attributes it computes at
    /// run time, which neither a nonce nor a hash can cover); images from the portal and <c>data:</c> URIs (MudBlazor's
    /// inline icons in CSS); connections only back to the portal, the SignalR WebSocket named explicitly for browsers
    /// whose <c>'self'</c> does not cover ws/wss; no framing, no plugins, forms only to the portal.
    /// </summary>
    public static string ForPage(HttpRequest request, string nonce)
    {
        // The Host header is the caller's: named only when it is a plain host[:port], so it cannot add directives.
        var host = request.Host.Value;
        var webSockets = !string.IsNullOrEmpty(host) && host.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or ':' or '[' or ']')
            ? $" ws://{host} wss://{host}"
            : "";
        return "default-src 'self'; " +
            $"script-src 'self' 'nonce-{nonce}'; " +
            "style-src 'self' 'unsafe-inline'; " +
            "img-src 'self' data:; " +
            "font-src 'self' data:; " +
            $"connect-src 'self'{webSockets}; " +
            "object-src 'none'; " +
            "base-uri 'self'; " +
            "form-action 'self'; " +
            "frame-ancestors 'none'";
    }
}
