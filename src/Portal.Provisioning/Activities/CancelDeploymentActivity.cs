using Microsoft.Extensions.DependencyInjection;
using Portal.Provisioning.Deployments;
using Portal.Workflows.Activities;

namespace Portal.Provisioning.Activities;

/// <summary>
/// The compensation of a cancelled deployment: whatever it holds is given back and its records say it ended. Declared
/// as the <c>compensateWith</c> of the deployment workflow's first activities, so that a cancel at any point settles
/// the deployment on the worker (never in the request that cancelled it). Running it twice changes nothing.
/// </summary>
public sealed class CancelDeploymentActivity(IServiceScopeFactory scopes) : ProvisioningActivity(scopes)
{
    public override ActivityDescriptor Descriptor { get; } = new()
    {
        Type = "CancelDeployment", Category = Category, DisplayName = "Cancel deployment", HasSideEffects = true,
        Description = "Ends a cancelled deployment: deletes a VM it created, releases its reservation, marks its server decommissioned "
            + "and the deployment Cancelled, and frees its host name. Meant as a compensation (compensateWith). Safe to run twice.",
        Inputs = [DeploymentInput],
    };

    protected override async Task<ActivityResult> RunAsync(ActivityContext context, IServiceProvider services)
    {
        await services.GetRequiredService<Provisioner>().CancelAsync(DeploymentId(context), context.CancellationToken);
        return Done();
    }
}
