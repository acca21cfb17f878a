using Microsoft.Extensions.DependencyInjection;
using Portal.Provisioning.Deployments;
using Portal.Workflows.Activities;

namespace Portal.Provisioning.Activities;

/// <summary>Defines the VM on the reserved host with the deployment's hardware and an empty disk.</summary>
public sealed class CreateVirtualMachineActivity(IServiceScopeFactory scopes) : ProvisioningActivity(scopes)
{
    public override ActivityDescriptor Descriptor { get; } = new()
    {
        Type = "CreateVirtualMachine", Category = Category, DisplayName = "Create virtual machine", HasSideEffects = true,
        Description = "Defines the VM on the reserved host with the deployment's hardware and an empty disk.",
        Inputs = [DeploymentInput],
    };

    protected override async Task<ActivityResult> RunAsync(ActivityContext context, IServiceProvider services)
    {
        await services.GetRequiredService<Provisioner>().CreateVirtualMachineAsync(DeploymentId(context), context.IdempotencyKey, context.CancellationToken);
        return Done();
    }
}
