using Microsoft.Extensions.DependencyInjection;
using Portal.Provisioning.Deployments;
using Portal.Workflows.Activities;

namespace Portal.Provisioning.Activities;

/// <summary>Converts the image's artifact to the format the target platform needs and records it in the library with its lineage (no-op when none is needed).</summary>
public sealed class ConvertImageActivity(IServiceScopeFactory scopes) : ProvisioningActivity(scopes)
{
    public override ActivityDescriptor Descriptor { get; } = new()
    {
        Type = "ConvertImage", Category = Category, DisplayName = "Convert image", HasSideEffects = true,
        Description = "Converts the image's artifact to the format the target platform needs and records it in the library with its lineage (no-op when none is needed).",
        Inputs = [DeploymentInput],
    };

    protected override async Task<ActivityResult> RunAsync(ActivityContext context, IServiceProvider services)
    {
        await services.GetRequiredService<Provisioner>().ConvertAsync(DeploymentId(context), context.IdempotencyKey, context.CancellationToken);
        return Done();
    }
}
