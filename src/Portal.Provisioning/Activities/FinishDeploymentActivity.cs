using Microsoft.Extensions.DependencyInjection;
using Portal.Provisioning.Deployments;
using Portal.Workflows.Activities;

namespace Portal.Provisioning.Activities;

/// <summary>Ends a deployment visibly: Completed (its hardware is kept for good) or Failed with the reason the requester sees.</summary>
public sealed class FinishDeploymentActivity(IServiceScopeFactory scopes) : ProvisioningActivity(scopes)
{
    public override ActivityDescriptor Descriptor { get; } = new()
    {
        Type = "FinishDeployment", Category = Category, DisplayName = "Finish deployment", HasSideEffects = true,
        Description = "Marks the deployment Completed (the server runs, its reservation no longer expires) or Failed with a message.",
        Inputs =
        [
            DeploymentInput,
            new("succeeded", "boolean", Required: true, Description: "True when the server is up."),
            new("message", "string", Description: "Why it failed (shown to the requester).", UiHint: "expression"),
        ],
    };

    protected override async Task<ActivityResult> RunAsync(ActivityContext context, IServiceProvider services)
    {
        var succeeded = context.InputBool("succeeded");
        await services.GetRequiredService<Provisioner>().FinishAsync(DeploymentId(context), succeeded, context.InputString("message"), context.CancellationToken);
        if (succeeded)
        {
            // An admin's retry of one server of a failed request: the request completes once all its servers are up.
            await services.GetRequiredService<Requests.RequestLifecycle>().DeploymentFinishedAsync(DeploymentId(context), context.CancellationToken);
        }

        return Done();
    }
}
