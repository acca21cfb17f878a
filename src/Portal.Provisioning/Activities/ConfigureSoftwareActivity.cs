using Microsoft.Extensions.DependencyInjection;
using Portal.Provisioning.Deployments;
using Portal.Workflows.Activities;

namespace Portal.Provisioning.Activities;

/// <summary>Gives the machine its configuration (cloud-init or an answer file) from the deployment's parameters; secrets go only into that file.</summary>
public sealed class ConfigureSoftwareActivity(IServiceScopeFactory scopes) : ProvisioningActivity(scopes)
{
    public override ActivityDescriptor Descriptor { get; } = new()
    {
        Type = "ConfigureSoftware", Category = Category, DisplayName = "Configure software", HasSideEffects = true,
        Description = "Gives the machine its configuration (cloud-init or an answer file) from the deployment's parameters; secrets go only into that file.",
        Inputs = [DeploymentInput],
    };

    protected override async Task<ActivityResult> RunAsync(ActivityContext context, IServiceProvider services)
    {
        await services.GetRequiredService<Provisioner>().ConfigureAsync(DeploymentId(context), context.IdempotencyKey, context.CancellationToken);
        return Done();
    }
}
