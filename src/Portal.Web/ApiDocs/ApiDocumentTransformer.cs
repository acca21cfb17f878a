using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Portal.Web.ApiDocs;

/// <summary>The document's title, what it says about signing in, and the two security schemes every operation names.</summary>
public sealed class ApiDocumentTransformer : IOpenApiDocumentTransformer
{
    public const string CookieScheme = "cookie";
    public const string BearerScheme = "bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Portal API",
            Version = ApiDocsServiceExtensions.DocumentName,
            Description =
                "The self-service portal's HTTP API. Call it with the browser's session cookie (the portal's own pages do) " +
                "or with a personal access token: `Authorization: Bearer ptk_…`, created on your profile page " +
                "(My account › Personal access tokens). A token acts as its owner with the roles the owner holds at each call. " +
                "Calls with a token are rate limited per token (429 with Retry-After) and exempt from the cross-site checks " +
                "that guard the cookie. Errors are RFC 9457 problem details.",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[CookieScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Cookie,
            Name = IdentityConstants.ApplicationScheme.Insert(0, ".AspNetCore."),
            Description = "The session cookie of a signed-in browser (sign in at /Account/Login).",
        };
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "ptk_{id}_{secret}",
            Description = "A personal access token (profile page › Personal access tokens).",
        };
        return Task.CompletedTask;
    }
}
