using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Data.Audit;
using Portal.Domain.Security;
using static Portal.Web.Hosting.ProblemResults;

namespace Portal.Web.Admin.Audit;

/// <summary>
/// The audit log for admins: <c>GET /api/audit</c> (a page, newest first) and <c>GET /api/audit.csv</c> (every matching
/// record, streamed), both filtered in the database by <c>from</c>, <c>to</c>, <c>actor</c> and <c>action</c>.
/// </summary>
public static class AuditApi
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").RequireAuthorization(policy => policy.RequireRole(PortalRoles.Admin)).WithTags("Audit");
        api.MapGet("/audit", ListAsync)
            .WithSummary("Lists audit records, newest first, filtered by from, to, actor and action, paged");
        api.MapGet("/audit.csv", Export)
            .WithSummary("Exports the matching audit records as CSV (cells that start a formula are neutralised)");
        return endpoints;
    }

    private static async Task<Results<Ok<AuditPage>, ValidationProblem>> ListAsync(
        string? from, string? to, string? actor, string? action, int? page, int? pageSize, AuditReader reader, CancellationToken cancellationToken)
    {
        var query = new AuditFilter(from, to, actor, action, page, pageSize).ToQuery();
        return query.IsValid ? TypedResults.Ok(await reader.QueryAsync(query.Value, cancellationToken)) : Invalid(query.Errors);
    }

    private static Results<PushStreamHttpResult, ValidationProblem> Export(
        string? from, string? to, string? actor, string? action, AuditReader reader, TimeProvider clock, CancellationToken cancellationToken)
    {
        var query = new AuditFilter(from, to, actor, action).ToQuery();
        if (!query.IsValid)
        {
            return Invalid(query.Errors);
        }

        var name = $"audit-{clock.GetUtcNow():yyyyMMdd-HHmmss}.csv";
        return TypedResults.Stream(
            body => AuditCsv.WriteAsync(body, reader.StreamAsync(query.Value, cancellationToken), cancellationToken),
            "text/csv; charset=utf-8", name);
    }
}
