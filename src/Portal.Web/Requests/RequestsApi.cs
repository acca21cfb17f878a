using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Domain.Inventory;
using Portal.Domain.Requests;
using Portal.Domain.Security;
using Portal.Domain.Validation;
using Portal.Provisioning.Requests;
using Portal.Web.Provisioning;
using static Portal.Web.Hosting.ProblemResults;

namespace Portal.Web.Requests;

/// <summary>
/// Requests over HTTP, with the pages' rules: requesters (and admins) submit; a requester reads and withdraws their
/// own; approvers and admins read all. Another user's request answers exactly like a missing one.
/// </summary>
public static class RequestsApi
{
    public static IEndpointRouteBuilder MapRequestsApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/requests").RequireAuthorization().WithTags("Requests");
        var requesters = api.MapGroup("").RequireAuthorization(policy => policy.RequireRole(PortalRoles.Requester, PortalRoles.Admin));
        requesters.MapPost("", SubmitAsync)
            .WithSummary("Submits a request for servers; its workflow asks for approval");
        requesters.MapPost("/preview", PreviewAsync)
            .WithSummary("Checks a request and says what it would cost and need, without submitting it");
        api.MapGet("", ListAsync)
            .WithSummary("Lists requests (a requester's own; approvers and admins, all)");
        api.MapGet("/{id:guid}", GetAsync)
            .WithSummary("Reads one request with its servers and history")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{id:guid}/cancel", CancelAsync)
            .WithSummary("Withdraws a request that is waiting for approval")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return endpoints;
    }

    private static async Task<Results<Created<RequestView>, ValidationProblem>> SubmitAsync(
        RequestBody body, ClaimsPrincipal user, RequestSubmission submission, RequestReader reader, CancellationToken cancellationToken)
    {
        var order = Order(body, user, out var errors);
        if (order is null)
        {
            return Invalid(errors);
        }

        var submitted = await submission.SubmitAsync(order, cancellationToken);
        if (!submitted.IsValid)
        {
            return Invalid(submitted.Errors);
        }

        var view = await reader.ViewAsync(submitted.Value, cancellationToken);
        return TypedResults.Created($"/api/requests/{view.Id}", view);
    }

    private static async Task<Results<Ok<RequestPreview>, ValidationProblem>> PreviewAsync(
        RequestBody body, ClaimsPrincipal user, RequestSubmission submission, CancellationToken cancellationToken)
    {
        var order = Order(body, user, out var errors);
        if (order is null)
        {
            return Invalid(errors);
        }

        var preview = await submission.PreviewAsync(order, cancellationToken);
        return preview.IsValid ? TypedResults.Ok(preview.Value) : Invalid(preview.Errors);
    }

    private static async Task<Ok<RequestSummaryPage>> ListAsync(
        ClaimsPrincipal user, RequestReader reader, CancellationToken cancellationToken,
        bool mine = false, RequestStatus? status = null, string? search = null, int skip = 0, int take = 25) =>
        TypedResults.Ok(await reader.ListAsync(new RequestQuery
        {
            RequestedBy = mine || !RequestAccess.SeesAll(user) ? user.Identity!.Name : null,
            Status = status,
            Search = search,
            Skip = Math.Max(0, skip),
            Take = Math.Clamp(take, 1, 200),
        }, cancellationToken));

    private static async Task<Results<Ok<RequestView>, ProblemHttpResult>> GetAsync(
        Guid id, ClaimsPrincipal user, IRequestStore requests, RequestReader reader, CancellationToken cancellationToken)
    {
        var request = await requests.FindAsync(id, cancellationToken);
        return request is not null && RequestAccess.MayRead(user, request)
            ? TypedResults.Ok(await reader.ViewAsync(request, cancellationToken))
            : NotFound($"There is no request {id}.");
    }

    private static async Task<Results<Ok<RequestView>, ProblemHttpResult>> CancelAsync(
        Guid id, ClaimsPrincipal user, IRequestStore requests, RequestLifecycle lifecycle, RequestReader reader, CancellationToken cancellationToken)
    {
        var request = await requests.FindAsync(id, cancellationToken);
        if (request is null || !RequestAccess.MayRead(user, request))
        {
            return NotFound($"There is no request {id}.");
        }

        if (!RequestAccess.MayCancel(user, request))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not yours to withdraw",
                detail: "Only the requester or an admin can withdraw a request.");
        }

        var cancelled = await lifecycle.CancelAsync(id, user.Identity!.Name!, cancellationToken);
        return cancelled.IsValid
            ? TypedResults.Ok(await reader.ViewAsync(cancelled.Value, cancellationToken))
            : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The request cannot be withdrawn now",
                detail: string.Join(" ", cancelled.Errors.Select(e => e.Message)));
    }

    private static ServerRequestOrder? Order(RequestBody body, ClaimsPrincipal user, out List<ValidationError> errors)
    {
        errors = [];
        if (body.ImageId is null)
        {
            errors.Add(new("imageId", "Say which image the servers are made from (imageId)."));
        }

        var hardware = OrderFields.Hardware(body.Hardware, errors);
        var parameters = OrderFields.Parameters(body.Parameters, errors);
        if (errors.Count > 0)
        {
            return null;
        }

        return new ServerRequestOrder
        {
            ImageId = body.ImageId!.Value,
            Placement = body.Placement ?? Placement.Any,
            PlatformId = body.PlatformId,
            Hardware = hardware,
            Parameters = parameters,
            Quantity = body.Quantity ?? 1,
            HostnamePattern = body.HostnamePattern,
            Justification = body.Justification,
            LeaseDays = body.LeaseDays,
            RequestedBy = user.Identity!.Name!,
        };
    }
}
