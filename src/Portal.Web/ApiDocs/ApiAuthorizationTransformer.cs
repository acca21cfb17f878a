using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Portal.Web.ApiDocs;

/// <summary>
/// Notes on every operation who may call it, read from the endpoint's own authorization metadata (so the document
/// cannot drift from what is enforced): a line in the description, the security schemes (cookie or bearer token),
/// and the 401, 403 and 429 answers that come from authentication, roles and the token rate limit.
/// </summary>
public sealed class ApiAuthorizationTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        operation.Responses ??= new OpenApiResponses();
        if (metadata.OfType<IAllowAnonymous>().Any())
        {
            Append(operation, "**Authorization:** none: anonymous callers are served (the address itself carries the credential).");
            operation.Security = [];
            return Task.CompletedTask;
        }

        var roleSets = RoleSets(metadata);
        Append(operation, roleSets.Count == 0
            ? "**Authorization:** any signed-in user (session cookie or personal access token)."
            : $"**Authorization:** signed-in users with role {string.Join(" and ", roleSets.Select(set => string.Join(" or ", set)))} " +
              "(session cookie or personal access token).");

        operation.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiDocumentTransformer.CookieScheme, context.Document)] = [] },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiDocumentTransformer.BearerScheme, context.Document)] = [] },
        ];
        operation.Responses.TryAdd("401", new OpenApiResponse
        {
            Description = "Not signed in: no session cookie, or a token that is malformed, unknown, expired or revoked.",
        });
        if (roleSets.Count > 0)
        {
            operation.Responses.TryAdd("403", new OpenApiResponse { Description = "Signed in without the role this call needs." });
        }

        operation.Responses.TryAdd("429", new OpenApiResponse
        {
            Description = "Too many calls with this personal access token; wait the seconds Retry-After says.",
        });
        return Task.CompletedTask;
    }

    /// <summary>Each set is one requirement (any of its roles will do); every set must be met.</summary>
    private static List<IReadOnlyList<string>> RoleSets(IList<object> metadata)
    {
        var sets = new List<IReadOnlyList<string>>();
        foreach (var item in metadata)
        {
            switch (item)
            {
                case AuthorizationPolicy policy:
                    sets.AddRange(policy.Requirements.OfType<RolesAuthorizationRequirement>().Select(r => (IReadOnlyList<string>)[.. r.AllowedRoles]));
                    break;
                case IAuthorizeData { Roles: { Length: > 0 } roles }:
                    sets.Add([.. roles.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)]);
                    break;
            }
        }

        return sets;
    }

    private static void Append(OpenApiOperation operation, string text) =>
        operation.Description = string.IsNullOrWhiteSpace(operation.Description) ? text : $"{operation.Description}\n\n{text}";
}
