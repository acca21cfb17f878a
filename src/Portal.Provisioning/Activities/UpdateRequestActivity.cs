using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Requests;
using Portal.Provisioning.Requests;
using Portal.Workflows.Activities;

namespace Portal.Provisioning.Activities;

/// <summary>
/// Moves a request on, so its requester sees where it stands: Approved, Provisioning, Rejected (its deployments end
/// and give back what they held), Cancelled, or Finished — Completed when every server is up, otherwise Failed with
/// the reasons. Only the portal's own records change, and moving twice to the same status changes nothing, so it
/// runs at once (no side effect outside the portal).
/// </summary>
public sealed class UpdateRequestActivity(IServiceScopeFactory scopes) : ProvisioningActivity(scopes)
{
    public const string Finished = nameof(Finished);

    private static readonly string[] Statuses =
        [nameof(RequestStatus.Approved), nameof(RequestStatus.Provisioning), nameof(RequestStatus.Rejected), nameof(RequestStatus.Cancelled), Finished];

    public override ActivityDescriptor Descriptor { get; } = new()
    {
        Type = "UpdateRequest", Category = "Requests", DisplayName = "Update request",
        Description = "Moves the request on: Approved, Provisioning, Rejected, Cancelled, or Finished (Completed or Failed from its deployments).",
        Inputs =
        [
            new("requestId", "string", Required: true, Description: "The request (the workflow's requestId input).", UiHint: "expression"),
            new("status", "string", Required: true, Description: $"One of {string.Join(", ", Statuses)}.", UiHint: "choice:" + string.Join(",", Statuses)),
            new("message", "string", Description: "What the requester reads (a rejection's reason).", UiHint: "expression"),
        ],
    };

    protected override async Task<ActivityResult> RunAsync(ActivityContext context, IServiceProvider services)
    {
        var requestId = Id(context, "requestId");
        var status = context.RequiredString("status");
        var lifecycle = services.GetRequiredService<RequestLifecycle>();
        ServerRequest moved;
        if (string.Equals(status, Finished, StringComparison.OrdinalIgnoreCase))
        {
            moved = await lifecycle.FinishAsync(requestId, context.CancellationToken);
        }
        else if (Enum.TryParse<RequestStatus>(status, ignoreCase: true, out var next) && Statuses.Contains(next.ToString()))
        {
            moved = await lifecycle.MoveAsync(requestId, next, context.InputString("message"), context.CancellationToken);
        }
        else
        {
            throw new ActivityInputException($"Activity '{context.Node.DisplayName}' ({context.Node.Id}): status is one of {string.Join(", ", Statuses)}, not '{status}'.");
        }

        return Done(new JsonObject { ["status"] = moved.Status.ToString() });
    }
}
