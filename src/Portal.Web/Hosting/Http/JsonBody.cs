using Microsoft.AspNetCore.Http.Features;

namespace Portal.Web.Hosting.Http;

/// <summary>
/// The content-type check for endpoints that read a JSON body themselves (a stream parsed in the handler, so minimal
/// APIs declare no body for them and routing lets any content type through). <see cref="TakesJsonBody"/> gives such an
/// endpoint the answer a <c>[FromBody]</c> endpoint gets from routing: a 415 problem unless the body is JSON
/// (<c>application/json</c> or any <c>+json</c> type). Without it, <c>application/xml</c>, <c>application/octet-stream</c>
/// or no Content-Type at all were parsed as JSON and obeyed. A filter, not <c>Accepts</c> metadata: routing's content-type
/// check refuses a request without Content-Type, and two of these endpoints take an empty body as "nothing to say".
/// It runs after authorization, so an anonymous caller is still asked to sign in first.
/// </summary>
public static class JsonBody
{
    /// <summary>
    /// Refuses any body that is not JSON with 415. <paramref name="optional"/>: a request without a body (no
    /// Content-Type, nothing to read) passes, for endpoints where the body only adds to what the address says.
    /// </summary>
    public static RouteHandlerBuilder TakesJsonBody(this RouteHandlerBuilder builder, bool optional = false) =>
        builder
            .WithMetadata(new JsonBodyMetadata(optional))
            .AddEndpointFilter((context, next) =>
            {
                var request = context.HttpContext.Request;
                if (request.HasJsonContentType() || (optional && !HasBody(context.HttpContext)))
                {
                    return next(context);
                }

                return ValueTask.FromResult<object?>(Refused(request));
            });

    /// <summary>
    /// The 415 problem for a body that is not JSON, naming the content type that came (or saying none did). Also the
    /// API fallback's answer when routing passed an endpoint over for its body (<see cref="UnknownAddresses"/>).
    /// </summary>
    public static IResult Refused(HttpRequest request) => TypedResults.Problem(
        statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
        detail: request.ContentType is { Length: > 0 } type
            ? $"This address does not take '{type}' bodies: send JSON (Content-Type: application/json)."
            : "This address needs a JSON body: send it with Content-Type: application/json.");

    /// <summary>
    /// Whether the request carries content: a Content-Type says it does, and so does a length or a chunked body
    /// (what the server's body detection reports).
    /// </summary>
    private static bool HasBody(HttpContext context) =>
        !string.IsNullOrEmpty(context.Request.ContentType)
        || context.Request.ContentLength > 0
        || (context.Request.ContentLength is null && context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true);
}
