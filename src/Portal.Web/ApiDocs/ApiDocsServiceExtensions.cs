using Scalar.AspNetCore;
using Portal.Web.Hosting.Http;

namespace Portal.Web.ApiDocs;

/// <summary>
/// The HTTP API's OpenAPI document (<c>GET /openapi/v1.json</c>), generated from the mapped endpoints, and its
/// interactive reference (<c>/api/docs</c>, Scalar), both for signed-in users only: the document lists every route
/// and who may call it, which is a map worth keeping from strangers. The reference's script is served by the portal
/// itself (the package embeds it), never from a CDN, under the page policy of <see cref="ContentSecurityPolicy"/>.
/// </summary>
/// <remarks>
/// Documenting an endpoint: <c>.WithSummary("…")</c> on every Map call, <c>.ProducesProblem(status)</c> for each
/// problem it may answer besides validation (a <c>ValidationProblem</c> result documents its 400 by itself; an
/// <c>IResult</c> handler needs <c>.ProducesValidationProblem()</c>). Authorization, 401, 403 and the security
/// schemes are added by <see cref="ApiAuthorizationTransformer"/>. ApiDocumentTests fails, naming the route, for any
/// API endpoint missing from the document or without a summary.
/// </remarks>
public static class ApiDocsServiceExtensions
{
    public const string DocumentName = "v1";

    /// <summary>The document's address; <c>{documentName}</c> is <see cref="DocumentName"/>.</summary>
    public const string DocumentPattern = "/openapi/{documentName}.json";

    /// <summary>The interactive reference's address.</summary>
    public const string ReferencePath = "/api/docs";

    public static IServiceCollection AddPortalApiDocs(this IServiceCollection services)
    {
        services.AddOpenApi(DocumentName, options =>
        {
            // The HTTP API only: the account forms (sign-out) and pages are not part of it.
            options.ShouldInclude = description =>
                (description.GroupName is null || description.GroupName == DocumentName)
                && description.RelativePath?.StartsWith("api/", StringComparison.OrdinalIgnoreCase) == true;
            options.AddDocumentTransformer<ApiDocumentTransformer>();
            options.AddOperationTransformer<ApiAuthorizationTransformer>();
        });
        return services;
    }

    public static IEndpointRouteBuilder MapPortalApiDocs(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpenApi(DocumentPattern).RequireAuthorization();
        endpoints.MapScalarApiReference(ReferencePath, (options, context) =>
            {
                options.WithTitle("Portal API")
                    .WithOpenApiRoutePattern(DocumentPattern)
                    .DisableDefaultFonts() // its fonts would come from the vendor's CDN; the CSP allows only the portal
                    .AddPreferredSecuritySchemes(ApiDocumentTransformer.BearerScheme);
                if (SecurityHeadersMiddleware.ScriptNonce(context) is { } nonce)
                {
                    options.WithNonce(nonce); // the page's inline configuration script runs by this response's nonce
                }
            })
            .RequireAuthorization()
            .ExcludeFromDescription();
        return endpoints;
    }
}
