using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Domain.Quotas;
using Portal.Domain.Security;
using Portal.Provisioning.Quotas;
using static Portal.Web.Hosting.ProblemResults;

namespace Portal.Web.Quotas;

/// <summary>
/// Quotas over HTTP. Everyone reads their own (<c>GET /api/quotas/me</c>: per dimension the effective limit, where it
/// comes from, used and reserved); admins list every quota set (<c>GET /api/quotas</c>) and read or set a role's
/// (<c>/api/quotas/roles/{role}</c>) or a user's (<c>/api/quotas/users/{user}</c>, the user's e-mail address, with
/// their effective quota). A PUT body's null limits are no limits; all null removes the quota.
/// </summary>
public static class QuotasApi
{
    public static IEndpointRouteBuilder MapQuotasApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/quotas").RequireAuthorization().WithTags("Quotas");
        api.MapGet("/me", MineAsync).WithSummary("Reads the caller's quota: per dimension the effective limit, where it comes from, used and reserved");
        var admins = api.MapGroup("").RequireAuthorization(policy => policy.RequireRole(PortalRoles.Admin));
        admins.MapGet("", ListAsync).WithSummary("Lists the quotas set per role and per user");
        admins.MapGet("/roles/{role}", GetRoleAsync).WithSummary("Reads a role's quota").ProducesProblem(StatusCodes.Status404NotFound);
        admins.MapPut("/roles/{role}", PutRoleAsync).WithSummary("Sets a role's quota (null limits are none; all null removes it)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        admins.MapGet("/users/{user}", GetUserAsync).WithSummary("Reads a user's own quota and their effective quota").ProducesProblem(StatusCodes.Status404NotFound);
        admins.MapPut("/users/{user}", PutUserAsync).WithSummary("Sets a user's own quota (null limits are none; all null removes it)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    private static async Task<Ok<QuotaStatement>> MineAsync(ClaimsPrincipal user, QuotaPolicy quotas, CancellationToken cancellationToken) =>
        TypedResults.Ok(await quotas.StatementAsync(user.Identity!.Name!, cancellationToken));

    private static async Task<Ok<IReadOnlyList<QuotaView>>> ListAsync(IQuotaStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<QuotaView>>((await store.ListAsync(cancellationToken)).Select(d => QuotaView.Of(d.Subject, d)).ToList());

    private static async Task<Results<Ok<QuotaView>, ProblemHttpResult>> GetRoleAsync(string role, IQuotaStore store, CancellationToken cancellationToken) =>
        Role(role) is { } known ? TypedResults.Ok(QuotaView.Of(known, await store.FindAsync(known, cancellationToken))) : NoRole(role);

    private static async Task<Results<Ok<QuotaView>, ValidationProblem, ProblemHttpResult>> PutRoleAsync(
        string role, QuotaBody? body, ClaimsPrincipal user, QuotaPolicy quotas, CancellationToken cancellationToken)
    {
        if (Role(role) is not { } known)
        {
            return NoRole(role);
        }

        var saved = await quotas.SetAsync(known, (body ?? new QuotaBody()).ToLimits(), user.Identity?.Name, cancellationToken);
        return saved.IsValid ? TypedResults.Ok(QuotaView.Of(known, saved.Value)) : Invalid(saved.Errors);
    }

    private static async Task<Results<Ok<QuotaView>, ProblemHttpResult>> GetUserAsync(
        string user, IQuotaStore store, QuotaPolicy quotas, CancellationToken cancellationToken)
    {
        if (await store.FindUserAsync(user, cancellationToken) is not { } name)
        {
            return NoUser(user);
        }

        var subject = QuotaSubject.User(name);
        return TypedResults.Ok(QuotaView.Of(subject, await store.FindAsync(subject, cancellationToken), await quotas.StatementAsync(name, cancellationToken)));
    }

    private static async Task<Results<Ok<QuotaView>, ValidationProblem, ProblemHttpResult>> PutUserAsync(
        string user, QuotaBody? body, ClaimsPrincipal actor, IQuotaStore store, QuotaPolicy quotas, CancellationToken cancellationToken)
    {
        if (await store.FindUserAsync(user, cancellationToken) is not { } name)
        {
            return NoUser(user);
        }

        var subject = QuotaSubject.User(name);
        var saved = await quotas.SetAsync(subject, (body ?? new QuotaBody()).ToLimits(), actor.Identity?.Name, cancellationToken);
        return saved.IsValid
            ? TypedResults.Ok(QuotaView.Of(subject, saved.Value, await quotas.StatementAsync(name, cancellationToken)))
            : Invalid(saved.Errors);
    }

    private static QuotaSubject? Role(string role) =>
        PortalRoles.All.FirstOrDefault(r => r.Equals(role, StringComparison.OrdinalIgnoreCase)) is { } known ? QuotaSubject.Role(known) : null;

    private static ProblemHttpResult NoRole(string role) => NotFound($"There is no role '{role}'; the roles are {string.Join(", ", PortalRoles.All)}.");

    private static ProblemHttpResult NoUser(string user) => NotFound($"There is no user '{user}'.");
}
