using Microsoft.Extensions.DependencyInjection;
using Portal.Provisioning.Deployments;
using Portal.Provisioning.Drivers;
using Portal.Provisioning.Servers;
using Portal.Workflows.Activities;

namespace Portal.Provisioning.Activities;

/// <summary>Powers on a deployment's new machine (its last step), or any deployed server.</summary>
public sealed class PowerOnActivity(IServiceScopeFactory scopes) : ProvisioningActivity(scopes)
{
    public override ActivityDescriptor Descriptor { get; } = new()
    {
        Type = "PowerOn", Category = Category, DisplayName = "Power on", HasSideEffects = true,
        Description = "Powers the machine on so it boots from its disk. Set deploymentId (a deployment's last step) or serverId.",
        Inputs =
        [
            new("deploymentId", "string", Description: "The deployment whose machine to power on.", UiHint: "expression"),
            new("serverId", "string", Description: "Or: a deployed server.", UiHint: "expression"),
        ],
    };

    protected override async Task<ActivityResult> RunAsync(ActivityContext context, IServiceProvider services)
    {
        if (!string.IsNullOrEmpty(context.InputString("deploymentId")))
        {
            await services.GetRequiredService<Provisioner>().PowerOnAsync(DeploymentId(context), context.IdempotencyKey, context.CancellationToken);
        }
        else
        {
            await services.GetRequiredService<ServerLifecycle>().PowerAsync(ServerId(context), PowerAction.On, context.CancellationToken, context.IdempotencyKey);
        }

        return Done();
    }
}
