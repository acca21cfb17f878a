using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Portal.Provisioning.Deployments;
using Portal.Provisioning.Servers;
using Portal.Workflows.Activities;

namespace Portal.Provisioning.Activities;

/// <summary>Gives hardware back: a deployment's reservation (and a VM container it created), or a decommissioned server's.</summary>
public sealed class ReleaseHardwareActivity(IServiceScopeFactory scopes) : ProvisioningActivity(scopes)
{
    public override ActivityDescriptor Descriptor { get; } = new()
    {
        Type = "ReleaseHardware", Category = Category, DisplayName = "Release hardware", HasSideEffects = true,
        Description = "Releases what a deployment reserved (set deploymentId) or what a server holds (set serverId). Releasing twice is harmless.",
        Inputs =
        [
            new("deploymentId", "string", Description: "The deployment whose reservation to release.", UiHint: "expression"),
            new("serverId", "string", Description: "Or: the server whose hardware to release.", UiHint: "expression"),
        ],
    };

    protected override async Task<ActivityResult> RunAsync(ActivityContext context, IServiceProvider services)
    {
        bool released;
        if (!string.IsNullOrEmpty(context.InputString("deploymentId")))
        {
            released = await services.GetRequiredService<Provisioner>().ReleaseAsync(DeploymentId(context), context.CancellationToken);
        }
        else if (!string.IsNullOrEmpty(context.InputString("serverId")))
        {
            released = await services.GetRequiredService<ServerLifecycle>().ReleaseAsync(ServerId(context), context.CancellationToken);
        }
        else
        {
            throw new ActivityInputException($"Activity '{context.Node.DisplayName}' ({context.Node.Id}): set deploymentId or serverId.");
        }

        return Done(new JsonObject { ["released"] = released });
    }
}
