using Portal.Domain.Deployments;
using Portal.Provisioning.Inventory;
using Portal.Workflows.Persistence;
using Portal.Workflows.Runtime;

namespace Portal.Web.Provisioning.Deployments;

/// <summary>
/// What the deployment page shows and offers: the deployment as its view (status joined with its workflow), the
/// names of what it refers to, where its server runs, and which of Retry and Cancel apply.
/// </summary>
public sealed record DeploymentDetails(DeploymentView Deployment, WorkflowStatus? InstanceStatus, DeploymentLabels Labels, string? MachineLocation)
{
    /// <summary>Failed, whether a step is stuck (retry runs it again) or the deployment ended (retry deploys again).</summary>
    public bool CanRetry => Deployment.Retryable;

    /// <summary>While its workflow has not ended; cancelling runs the compensations, which give the hardware back.</summary>
    public bool CanCancel => InstanceStatus is { } status && status is not (WorkflowStatus.Completed or WorkflowStatus.Cancelled)
        && Deployment.Status is not (DeploymentStatus.Completed or DeploymentStatus.Cancelled);

    /// <summary>
    /// Pending or running, or its workflow still running (a cancel's compensation on the worker): the page reloads while
    /// this is true.
    /// </summary>
    public bool IsLive => ProvisioningText.IsLive(Deployment.Status) || InstanceStatus == WorkflowStatus.Running;

    public string ImageName => Labels.Image(Deployment.ImageId);

    /// <summary>Loads one deployment with what explains it, in the caller's scope; null when there is no such deployment.</summary>
    public static async Task<DeploymentDetails?> LoadAsync(IServiceProvider services, Guid id, CancellationToken cancellationToken)
    {
        var deployment = await services.GetRequiredService<DeploymentAdministration>().FindAsync(id, cancellationToken);
        if (deployment is null)
        {
            return null;
        }

        var instance = deployment.InstanceId is { } instanceId
            ? await services.GetRequiredService<IWorkflowInstanceStore>().FindAsync(instanceId, cancellationToken)
            : null;
        var labels = await DeploymentLabels.LoadAsync(services, [deployment.ImageId], cancellationToken);
        return new DeploymentDetails(deployment, instance?.Status, labels, await LocationAsync(services, deployment.Server, cancellationToken));
    }

    /// <summary>"on host kvm-fra-01" or "on server r640-02": the hardware under the server, by name.</summary>
    internal static async Task<string?> LocationAsync(IServiceProvider services, DeployedServerView? server, CancellationToken cancellationToken)
    {
        var inventory = services.GetRequiredService<IInventoryStore>();
        return server switch
        {
            { HostId: { } hostId } => await inventory.FindHostAsync(hostId, cancellationToken) is { } host ? $"on host {host.Name}" : null,
            { PhysicalServerId: { } serverId } => await inventory.FindServerAsync(serverId, cancellationToken) is { } physical ? $"on server {physical.Name}" : null,
            _ => null,
        };
    }
}
