using Microsoft.Extensions.DependencyInjection;
using Portal.Provisioning.Deployments;
using Portal.Workflows.Activities;

namespace Portal.Provisioning.Activities;

/// <summary>
/// The boot-server route: gives the deployment a secret boot link, sets the server's one-time boot to the
/// network and restarts it into the image writer. The writer calls back when done (Wait for deployment callback).
/// </summary>
public sealed class DeployImageToPhysicalActivity(IServiceScopeFactory scopes) : ProvisioningActivity(scopes)
{
    public override ActivityDescriptor Descriptor { get; } = new()
    {
        Type = "DeployImageToPhysical", Category = Category, DisplayName = "Deploy image to server", HasSideEffects = true,
        Description = "Network-boots the reserved server into the image writer (iPXE, Redfish one-time boot); follow it with Wait for deployment callback.",
        Inputs = [DeploymentInput],
    };

    protected override async Task<ActivityResult> RunAsync(ActivityContext context, IServiceProvider services)
    {
        await services.GetRequiredService<Provisioner>().DeployImageAsync(DeploymentId(context), context.IdempotencyKey, context.CancellationToken);
        return Done();
    }
}
