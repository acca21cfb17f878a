using Microsoft.Extensions.DependencyInjection;
using Portal.Provisioning.Deployments;
using Portal.Workflows.Activities;

namespace Portal.Provisioning.Activities;

/// <summary>The hypervisor route: writes the image onto the new VM's disk.</summary>
public sealed class DeployImageToVirtualActivity(IServiceScopeFactory scopes) : ProvisioningActivity(scopes)
{
    public override ActivityDescriptor Descriptor { get; } = new()
    {
        Type = "DeployImageToVirtual", Category = Category, DisplayName = "Deploy image to VM", HasSideEffects = true,
        Description = "Writes the image (in the format the hypervisor takes) onto the virtual machine's system disk.",
        Inputs = [DeploymentInput],
    };

    protected override async Task<ActivityResult> RunAsync(ActivityContext context, IServiceProvider services)
    {
        if (await services.GetRequiredService<Provisioner>().DeployImageAsync(DeploymentId(context), context.IdempotencyKey, context.CancellationToken))
        {
            throw new InvalidOperationException("A hypervisor write never waits for a callback; this deployment's target is bare metal (use Deploy image to server).");
        }

        return Done();
    }
}
