using System.Security.Cryptography;

namespace Portal.Web.Hosting.Http;

/// <summary>
/// Puts the security headers on every response, pages and API alike, whoever wrote it (an endpoint, the not-found
/// page, a problem details error, a static file). They are set when the response starts, so they replace whatever
/// was set before: Blazor appends its own <c>frame-ancestors 'self'</c> policy to component pages, and a second
/// policy beside ours would leave a browser enforcing two.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    private const string NonceKey = "Portal.ScriptNonce";
    private const string AppliedKey = "Portal.SecurityHeaders";

    public Task InvokeAsync(HttpContext context)
    {
        // A status code page re-executes the request on the same context: one nonce and one callback per response.
        if (!context.Items.ContainsKey(AppliedKey))
        {
            context.Items[AppliedKey] = true;
            // Hex: nothing an HTML encoder would rewrite in the attribute.
            context.Items[NonceKey] = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            context.Response.OnStarting(() =>
            {
                Apply(context);
                return Task.CompletedTask;
            });
        }

        return next(context);
    }

    /// <summary>
    /// The nonce that lets this response's one inline script run (the import map Blazor renders in the page head);
    /// <c>null</c> outside a request that went through this middleware.
    /// </summary>
    public static string? ScriptNonce(HttpContext? context) =>
        context?.Items.TryGetValue(NonceKey, out var nonce) == true ? nonce as string : null;

    private static void Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        // Same-origin requests keep their full referrer and Origin (the cross-site check reads Origin); other sites
        // learn only the portal's origin, never a path with an id or a boot token in it.
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers.ContentSecurityPolicy = IsHtml(context.Response.ContentType)
            ? ContentSecurityPolicy.ForPage(context.Request, ScriptNonce(context)!)
            : ContentSecurityPolicy.ForData;
    }

    private static bool IsHtml(string? contentType) =>
        contentType is not null && contentType.StartsWith("text/html", StringComparison.OrdinalIgnoreCase);
}
