using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Mvc;

namespace Portal.Web.Hosting.Http;

/// <summary>
/// The HTTP pipeline's own defences: error responses without exception details, security headers, HSTS, the
/// cross-site request check. One call each from AddPortal and UsePortal.
/// </summary>
public static class HttpSecurityExtensions
{
    public static WebApplicationBuilder AddPortalHttpSecurity(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<ProblemDetailsOptions>(options =>
        {
            var earlier = options.CustomizeProblemDetails;
            options.CustomizeProblemDetails = context =>
            {
                earlier?.Invoke(context);
                RemoveExceptionDetails(context);
            };
        });
        // Minimal APIs throw for a body they cannot take (wrong content type, bad JSON, too large) instead of answering
        // a bare status, so ErrorResponseMiddleware can say what was wrong in every environment, not only Development.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        // The antiforgery cookie is Secure whenever the request is HTTPS (the framework's default sends it on plain HTTP too).
        builder.Services.Configure<AntiforgeryOptions>(options => options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        builder.Services.AddSingleton<AllowedMethods>();
        builder.Services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = false; // other services may share the domain; the portal speaks only for itself
        });
        return builder;
    }

    /// <summary>
    /// Outermost in the portal's pipeline: the headers are set on whatever answers, errors included, and exceptions
    /// from everything after are turned into responses here.
    /// </summary>
    public static WebApplication UsePortalHttpSecurity(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeadersMiddleware>();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseMiddleware<ErrorResponseMiddleware>();
        app.UseMiddleware<CrossSiteRequestGuard>();
        return app;
    }

    /// <summary>
    /// The developer exception page writes the exception (type, message, stack, headers) into problem details for
    /// callers that do not ask for HTML. Whatever reaches a problem details writer leaves without it.
    /// </summary>
    private static void RemoveExceptionDetails(ProblemDetailsContext context)
    {
        if (context.ProblemDetails.Extensions.Remove("exception"))
        {
            context.ProblemDetails.Title = "An unexpected error occurred";
            context.ProblemDetails.Detail = $"The error was logged; quote the trace id {context.HttpContext.TraceIdentifier} when you report it.";
        }
    }
}
