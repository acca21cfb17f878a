using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Portal.Provisioning.Deployments;
using Portal.Workflows.Activities;

namespace Portal.Provisioning.Activities;

/// <summary>Reserves the best-fitting server or host for a deployment; <c>NoCapacity</c> when nothing fits, with every reason.</summary>
public sealed class AllocateHardwareActivity(IServiceScopeFactory scopes) : ProvisioningActivity(scopes)
{
    public const string NoCapacity = nameof(NoCapacity);

    public override ActivityDescriptor Descriptor { get; } = new()
    {
        Type = "AllocateHardware", Category = Category, DisplayName = "Allocate hardware", HasSideEffects = true,
        Description = "Reserves a physical server (the smallest that fits) or room on a hypervisor host (the one with most room) for the deployment.",
        Inputs = [DeploymentInput],
        Outcomes = [ActivityDescriptor.Done, NoCapacity],
    };

    protected override async Task<ActivityResult> RunAsync(ActivityContext context, IServiceProvider services)
    {
        var provisioner = services.GetRequiredService<Provisioner>();
        var deploymentId = DeploymentId(context);
        var outcome = await provisioner.AllocateAsync(deploymentId, context.IdempotencyKey, context.InstanceId, context.CancellationToken);
        if (outcome.Reservation is not { } reservation)
        {
            return ActivityResult.Complete(NoCapacity, new JsonObject { ["reasons"] = new JsonArray([.. outcome.Reasons.Select(r => JsonValue.Create(r))]) });
        }

        var snapshot = await provisioner.SnapshotAsync(deploymentId, context.CancellationToken);
        return Done(new JsonObject
        {
            ["reservationId"] = reservation.Id.ToString(),
            ["kind"] = snapshot.Server!.Kind.ToString(),
            ["platformId"] = snapshot.Server.PlatformId.ToString(),
            ["serverId"] = snapshot.Server.Id.ToString(),
            ["machine"] = snapshot.Server.MachineName,
            ["needsConversion"] = snapshot.Plan?.Conversion is not null,
        });
    }
}
