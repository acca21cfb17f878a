using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Data.Tokens;
using Portal.Domain.Security;
using static Portal.Web.Hosting.ProblemResults;

namespace Portal.Web.Tokens;

/// <summary>
/// Personal access tokens over HTTP: <c>POST /api/tokens</c> (the token is in the answer, once), <c>GET /api/tokens</c>
/// (the caller's) and <c>DELETE /api/tokens/{id}</c> (the caller's; an admin's, anyone's). Creating takes the signed-in
/// session: a token cannot make tokens, so a leaked one cannot be used to outlive its own expiry or revocation.
/// Listing and revoking take either (a script may revoke the token it holds).
/// </summary>
public static class TokensApi
{
    public static IEndpointRouteBuilder MapTokensApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/tokens").RequireAuthorization().WithTags("Access tokens");
        api.MapGet("", ListAsync)
            .WithSummary("Lists the caller's personal access tokens (prefix, name, dates, status; never a secret)");
        api.MapPost("", CreateAsync)
            .WithSummary("Creates a personal access token and returns it, this once (signed-in session only: a token cannot create tokens)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapDelete("/{id}", RevokeAsync)
            .WithSummary("Revokes one of the caller's tokens (an admin: anyone's); revoking a revoked token changes nothing")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    private static async Task<Ok<IReadOnlyList<AccessTokenView>>> ListAsync(
        ClaimsPrincipal user, AccessTokenStore tokens, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var mine = await tokens.ListAsync(UserId(user), cancellationToken);
        return TypedResults.Ok<IReadOnlyList<AccessTokenView>>([.. mine.Select(t => AccessTokenView.Of(t, now))]);
    }

    private static async Task<Results<Created<CreatedAccessTokenView>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateAccessTokenBody body, ClaimsPrincipal user, AccessTokenStore tokens, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (AccessTokenAuthentication.IsToken(user))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
                detail: "A token cannot create tokens: create them on your profile page, or with this call while signed in.");
        }

        var created = await tokens.CreateAsync(UserId(user), body.Name, body.ExpiresInDays, cancellationToken);
        if (!created.IsValid)
        {
            return Invalid(created.Errors);
        }

        var view = new CreatedAccessTokenView(created.Value.Token, AccessTokenView.Of(created.Value.Summary, clock.GetUtcNow()));
        return TypedResults.Created($"/api/tokens/{view.Details.Id}", view);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(
        string id, ClaimsPrincipal user, AccessTokenStore tokens, CancellationToken cancellationToken)
    {
        var owner = user.IsInRole(PortalRoles.Admin) ? null : UserId(user);
        var revoked = await tokens.RevokeAsync(id, owner, cancellationToken);
        return revoked == AccessTokenRevocation.NotFound ? NotFound("There is no such token of yours.") : TypedResults.NoContent();
    }

    private static string UserId(ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("A signed-in user has an id claim.");
}
