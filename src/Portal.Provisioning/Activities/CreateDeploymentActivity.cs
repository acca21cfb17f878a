using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Inventory;
using Portal.Provisioning.Servers;
using Portal.Workflows.Activities;

namespace Portal.Provisioning.Activities;

/// <summary>
/// Records a new deployment of an image with the parameters of an existing server (a migration: the captured
/// image goes to another platform with the same hostname, addresses and credentials). Output: deploymentId.
/// </summary>
public sealed class CreateDeploymentActivity(IServiceScopeFactory scopes) : ProvisioningActivity(scopes)
{
    public override ActivityDescriptor Descriptor { get; } = new()
    {
        Type = "CreateDeployment", Category = Category, DisplayName = "Create deployment", HasSideEffects = true,
        Description = "Creates a deployment of an image that reuses a server's parameters and owner (for migrations); run server-deployment with its id.",
        Inputs =
        [
            new("imageId", "string", Required: true, Description: "The image to deploy.", UiHint: "expression"),
            new("fromServerId", "string", Required: true, Description: "The server whose parameters and owner the new deployment takes.", UiHint: "expression"),
            new("placement", "string", Description: "Physical, Virtual or Any.", Default: JsonValue.Create("Virtual")),
            new("platformId", "string", Description: "A platform to pin; any that fits when empty.", UiHint: "expression"),
        ],
    };

    protected override async Task<ActivityResult> RunAsync(ActivityContext context, IServiceProvider services)
    {
        var placement = Enum.TryParse<Placement>(context.InputString("placement") ?? "Virtual", ignoreCase: true, out var parsed)
            ? parsed
            : throw new ActivityInputException($"Activity '{context.Node.DisplayName}' ({context.Node.Id}): placement is Physical, Virtual or Any.");
        var platform = string.IsNullOrEmpty(context.InputString("platformId")) ? (Guid?)null : Id(context, "platformId");
        var deployment = await services.GetRequiredService<ServerLifecycle>().CreateSuccessorAsync(
            context.IdempotencyKey, Id(context, "fromServerId"), Id(context, "imageId"), placement, platform, context.CancellationToken);
        return Done(new JsonObject { ["deploymentId"] = deployment.Id.ToString() });
    }
}
