using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Domain.Leases;
using Portal.Domain.Security;
using Portal.Provisioning.Deployments;
using Portal.Provisioning.Leases;
using Portal.Web.Provisioning.Servers;
using static Portal.Web.Hosting.ProblemResults;

namespace Portal.Web.Leases;

/// <summary>
/// Leases over HTTP. A server's owner (or an admin) reads its lease and extends it; admins list what expires soon and
/// manage the lease policies. Another user's server answers like a missing one.
/// </summary>
public static class LeasesApi
{
    /// <summary>How far ahead "expiring" looks by default: this week.</summary>
    public const int DefaultExpiringDays = 7;

    public static IEndpointRouteBuilder MapLeasesApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").RequireAuthorization().WithTags("Leases");
        api.MapGet("/servers/{id:guid}/lease", GetAsync).WithSummary("Reads a server's lease: its end, reminder and decommission dates")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/servers/{id:guid}/extend", ExtendAsync)
            .WithSummary("Extends a server's lease by days or to a date, within its policy (202 when an approver has to decide)")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        var admin = api.MapGroup("").RequireAuthorization(policy => policy.RequireRole(PortalRoles.Admin));
        admin.MapGet("/leases/expiring", ExpiringAsync).WithSummary("Lists the leases ending within the given days (this week by default) and those in their grace period");
        admin.MapGet("/lease-policies", async (LeasePolicyAdministration policies, CancellationToken ct) =>
            TypedResults.Ok((await policies.ListAsync(ct)).Select(LeasePolicyView.Of))).WithSummary("Lists the lease policies: the default, per image and per role");
        admin.MapPut("/lease-policies/default", (LeaseTermsView body, ClaimsPrincipal user, LeasePolicyAdministration policies, CancellationToken ct) =>
            SaveAsync(LeasePolicyScope.Default, null, body, user, policies, ct)).WithSummary("Sets the default lease policy");
        admin.MapPut("/lease-policies/{scope}/{subject}", (string scope, string subject, LeaseTermsView body, ClaimsPrincipal user, LeasePolicyAdministration policies, CancellationToken ct) =>
            ScopeOf(scope) is { } known ? SaveAsync(known, subject, body, user, policies, ct) : Task.FromResult(UnknownScope(scope)))
            .WithSummary("Sets the lease policy of an image or a role").ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapDelete("/lease-policies/{scope}/{subject}", RemoveAsync).WithSummary("Removes the lease policy of an image or a role")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    private static async Task<Results<Ok<LeaseView>, ProblemHttpResult>> GetAsync(
        Guid id, ClaimsPrincipal user, IDeploymentStore deployments, LeaseBook leases, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await deployments.FindServerAsync(id, cancellationToken) is not { } server || !ServerAccess.MayAct(user, server.Owner))
        {
            return NotFound($"There is no server {id}.");
        }

        return await leases.ForServerAsync(id, cancellationToken) is { } lease
            ? TypedResults.Ok(LeaseView.Of(lease, clock.GetUtcNow(), server.Status.ToString()))
            : NotFound($"{server.Name} has no lease: it was deployed before leases existed.");
    }

    /// <summary>200 with the lease when the extension applied; 202 with the workflow when an approver has to decide.</summary>
    private static async Task<Results<Ok<LeaseView>, Accepted<LeaseExtensionStartedView>, ValidationProblem, ProblemHttpResult>> ExtendAsync(
        Guid id, ExtendLeaseBody body, ClaimsPrincipal user, IDeploymentStore deployments, LeaseBook leases, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await deployments.FindServerAsync(id, cancellationToken) is not { } server || !ServerAccess.MayAct(user, server.Owner))
        {
            return NotFound($"There is no server {id}.");
        }

        var outcome = await leases.ExtendAsync(id, new LeaseExtensionAsk(body.Days, body.Until), user.Identity!.Name!, user.IsInRole(PortalRoles.Admin), cancellationToken);
        var now = clock.GetUtcNow();
        return outcome.Kind switch
        {
            LeaseExtensionKind.Extended => TypedResults.Ok(LeaseView.Of(outcome.Lease!, now, server.Status.ToString())),
            LeaseExtensionKind.AwaitingApproval => TypedResults.Accepted(
                $"/api/workflow-instances/{outcome.InstanceId}", new LeaseExtensionStartedView(outcome.InstanceId!, LeaseView.Of(outcome.Lease!, now, server.Status.ToString()))),
            LeaseExtensionKind.Invalid => Invalid(outcome.Errors),
            LeaseExtensionKind.Conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The lease cannot be extended now",
                detail: string.Join(" ", outcome.Errors.Select(e => e.Message))),
            _ => NotFound(string.Join(" ", outcome.Errors.Select(e => e.Message))),
        };
    }

    /// <summary>Leases of live servers ending within <paramref name="days"/> (7: this week), and those ended and in their grace period, soonest first.</summary>
    private static async Task<Ok<IEnumerable<LeaseView>>> ExpiringAsync(
        ILeaseStore store, IDeploymentStore deployments, TimeProvider clock, CancellationToken cancellationToken, int days = DefaultExpiringDays)
    {
        var now = clock.GetUtcNow();
        var leases = await store.EndingBeforeAsync(now + TimeSpan.FromDays(Math.Clamp(days, 1, 366)), 500, cancellationToken);
        var views = new List<LeaseView>(leases.Count);
        foreach (var lease in leases)
        {
            var server = await deployments.FindServerAsync(lease.ServerId!.Value, cancellationToken);
            views.Add(LeaseView.Of(lease, now, server?.Status.ToString()));
        }

        return TypedResults.Ok(views.AsEnumerable());
    }

    private static async Task<Results<Ok<LeasePolicyView>, ValidationProblem, ProblemHttpResult>> SaveAsync(
        LeasePolicyScope scope, string? subject, LeaseTermsView body, ClaimsPrincipal user, LeasePolicyAdministration policies, CancellationToken cancellationToken)
    {
        var saved = await policies.SaveAsync(scope, subject, body.ToTerms(), user.Identity!.Name!, cancellationToken);
        return saved.IsValid ? TypedResults.Ok(LeasePolicyView.Of(saved.Value)) : Invalid(saved.Errors);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(
        string scope, string subject, LeasePolicyAdministration policies, CancellationToken cancellationToken)
    {
        if (ScopeOf(scope) is not { } known)
        {
            return NotFound($"There are lease policies per image and per role, not per '{scope}'.");
        }

        return await policies.RemoveAsync(known, known == LeasePolicyScope.Image && Guid.TryParse(subject, out var id) ? id.ToString() : subject, cancellationToken)
            ? TypedResults.NoContent()
            : NotFound($"There is no lease policy for {scope} {subject}.");
    }

    private static LeasePolicyScope? ScopeOf(string scope) => scope.ToLowerInvariant() switch
    {
        "image" or "images" => LeasePolicyScope.Image,
        "role" or "roles" => LeasePolicyScope.Role,
        _ => null,
    };

    private static Results<Ok<LeasePolicyView>, ValidationProblem, ProblemHttpResult> UnknownScope(string scope) =>
        NotFound($"There are lease policies per image and per role, not per '{scope}'.");
}
