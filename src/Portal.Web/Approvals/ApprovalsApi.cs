using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Provisioning.Approvals;
using static Portal.Web.Hosting.ProblemResults;

namespace Portal.Web.Approvals;

/// <summary>
/// The approval inbox over HTTP: the tasks waiting for the caller (by role or by name; never their own requests'),
/// and decisions. Of two approvers deciding at once, one counts and the other gets 409 naming who decided.
/// </summary>
public static class ApprovalsApi
{
    public static IEndpointRouteBuilder MapApprovalsApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/tasks").RequireAuthorization().WithTags("Approvals");
        api.MapGet("", async (ClaimsPrincipal user, ApprovalInbox inbox, CancellationToken ct) => TypedResults.Ok(await inbox.ForAsync(user, ct)))
            .WithSummary("Lists the approval tasks waiting for the caller");
        api.MapPost("/{id}/complete", CompleteAsync)
            .WithSummary("Decides an approval task (approve or reject, with a comment)")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return endpoints;
    }

    private static async Task<Results<Ok<TaskDecisionView>, ValidationProblem, ProblemHttpResult>> CompleteAsync(
        string id, TaskCompletionBody body, ClaimsPrincipal user, ApprovalInbox inbox, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(body.Outcome))
        {
            return Invalid([new("outcome", "Say what you decide (outcome), e.g. Approved or Rejected.")]);
        }

        var result = await inbox.DecideAsync(user, id, body.Outcome, body.Comment, cancellationToken);
        return result.Kind switch
        {
            DecisionResultKind.Decided => TypedResults.Ok(TaskDecisionView.Of(result.Decision!)),
            DecisionResultKind.Invalid => Invalid([new(result.Field, result.Message)]),
            DecisionResultKind.OwnRequest => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Your own request", detail: result.Message),
            DecisionResultKind.AlreadyDecided => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already decided", detail: result.Message,
                extensions: new Dictionary<string, object?> { ["decidedBy"] = result.Decision?.User, ["outcome"] = result.Decision?.Outcome, ["decidedAt"] = result.Decision?.DecidedAt }),
            _ => NotFound(result.Message),
        };
    }
}

/// <summary>A decision as the API returns it.</summary>
public sealed record TaskDecisionView(string TaskId, Guid? RequestId, string Task, string User, string Outcome, string? Comment, DateTimeOffset DecidedAt)
{
    public static TaskDecisionView Of(TaskDecision d) => new(d.TaskId, d.RequestId, d.Task, d.User, d.Outcome, d.Comment, d.DecidedAt);
}
