namespace Portal.Web.Hosting;

/// <summary>
/// What an address nothing answers gets: people the not-found page inside the shell, API callers a problem
/// details 404. Never a 500, never an exception's details.
/// </summary>
public static class UnknownAddresses
{
    /// <summary>The page people see; <see cref="Shell.NotFound"/> lives there.</summary>
    public const string NotFoundPage = "/not-found";

    /// <summary>
    /// Gives bare error statuses (no body) a body: the not-found page when a browser asks for a page, problem
    /// details (or plain text, if the caller accepts no JSON) for everything else, the API included.
    /// Call it before routing and authorization: a re-executed request then goes through both again, so the
    /// not-found page's own <c>[AllowAnonymous]</c> is honoured. Re-executed behind authorization (as the
    /// implicit pipeline did), the page's authorization metadata met no authorization middleware and every
    /// unknown address answered 500.
    /// </summary>
    public static IApplicationBuilder UseUnknownAddressPages(this IApplicationBuilder app)
    {
        app.UseWhen(context => !AsksForPage(context), other => other.UseStatusCodePages());
        app.UseWhen(AsksForPage, pages =>
            pages.UseStatusCodePagesWithReExecute(NotFoundPage, createScopeForStatusCodePages: true));
        return app;
    }

    /// <summary>
    /// The endpoints of last resort (fallbacks match only when no other endpoint does).
    /// An unknown API path answers a problem 404 to anyone, signed in or not, whatever the caller accepts; an address
    /// the API has (a wrong method or content type landed here) still needs a session first, as the endpoint itself
    /// would (401 without one), so the 405 and 415 below tell only the signed-in which methods and bodies exist.
    /// An unknown page answers 404 to anyone too, and the status code page shows the not-found page: a visitor who
    /// follows a dead link learns at once that nothing is there, instead of signing in first to be told the same.
    /// That reveals only that nothing exists at the address; every real page and endpoint still asks for a session.
    /// </summary>
    public static IEndpointRouteBuilder MapUnknownAddresses(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapFallback("/api/{**path}", AnswerUnknownApiAsync)
            .RequireAuthorization(policy => policy.RequireAssertion(context =>
                context.User.Identity?.IsAuthenticated == true || context.Resource is HttpContext http && IsUnknownApiPath(http)));
        endpoints.MapFallback("{**path}", context =>
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            })
            .AllowAnonymous();
        return endpoints;
    }

    /// <summary>
    /// What routing could not say because this fallback takes every method and content type: 405 with <c>Allow</c>
    /// when the path exists for other methods, 415 when it exists for this method but routing passed it over (an
    /// endpoint that declares its body's content type, as minimal APIs do for JSON, is skipped for any other), else
    /// 404. All as problem details, whatever the caller accepts.
    /// </summary>
    private static Task AnswerUnknownApiAsync(HttpContext context, Http.AllowedMethods allowed)
    {
        var methods = allowed.At(context);
        if (methods.Count == 0)
        {
            return ProblemResults.NotFound("There is no API at this address.").ExecuteAsync(context);
        }

        if (methods.Contains(context.Request.Method, StringComparer.OrdinalIgnoreCase))
        {
            return Http.JsonBody.Refused(context.Request).ExecuteAsync(context);
        }

        context.Response.Headers.Allow = string.Join(", ", methods);
        return TypedResults.Problem(statusCode: StatusCodes.Status405MethodNotAllowed, title: "Method not allowed",
            detail: $"{context.Request.Method} is not allowed here; this address takes {string.Join(", ", methods)}.").ExecuteAsync(context);
    }

    /// <summary>No API endpoint answers at the request's path, whatever the method.</summary>
    private static bool IsUnknownApiPath(HttpContext context) =>
        context.RequestServices.GetRequiredService<Http.AllowedMethods>().At(context).Count == 0;

    /// <summary>
    /// A page is asked for with GET (HEAD from link checkers). Any other method would reach the not-found page, a
    /// Blazor endpoint, as a form post, which it refuses for want of an antiforgery token.
    /// </summary>
    private static bool AsksForPage(HttpContext context) =>
        !context.Request.Path.StartsWithSegments("/api")
        && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method));
}
