using System.Text.Json.Nodes;
using Portal.Domain.Deployments;
using Portal.Domain.Inventory;
using Portal.Domain.Validation;
using Portal.Provisioning.Leases;
using Portal.Workflows.Hosting;
using Portal.Workflows.Runtime;

namespace Portal.Provisioning.Deployments;

/// <summary>Starts the shipped provisioning workflows: deploy an image, capture, migrate or decommission a server.</summary>
public sealed class ProvisioningWorkflows(Provisioner provisioner, IDeploymentStore deployments, WorkflowEngine engine, LeaseBook leases)
{
    public const string Deployment = "server-deployment";
    public const string Provisioning = "server-provisioning";
    public const string Capture = "image-capture";
    public const string Migration = "server-migration";
    public const string Decommission = "server-decommission";

    /// <summary>
    /// Records the deployment and starts server-deployment for it (no approval: the caller is an admin). Its server
    /// gets a lease like a requested one: the days the admin gives (not bounded by the policy's maximum: admins set
    /// the policies), or the policy's default.
    /// </summary>
    public async Task<ValidationResult<Deployment>> DeployAsync(DeploymentOrder order, CancellationToken cancellationToken)
    {
        var lease = await leases.ChooseAsync(order.ImageId, order.RequestedBy, order.LeaseDays, byAdmin: true, cancellationToken);
        if (!lease.IsValid)
        {
            return ValidationResult<Deployment>.Failure(lease.Errors);
        }

        var created = await provisioner.CreateAsync(order, cancellationToken);
        if (!created.IsValid)
        {
            return created;
        }

        var id = created.Value.Id;
        await leases.OpenAsync([id], order.RequestedBy, lease.Value, cancellationToken);
        var started = await engine.StartAsync(Deployment, new JsonObject { ["deploymentId"] = id.ToString() }, id.ToString(), cancellationToken);
        if (!started.IsValid)
        {
            await deployments.UpdateAsync(id, d => d with { Status = DeploymentStatus.Failed, Error = started.Errors[0].Message }, cancellationToken);
            return ValidationResult<Deployment>.Failure(started.Errors);
        }

        return ValidationResult<Deployment>.Success(
            await deployments.UpdateAsync(id, d => d with { WorkflowInstanceId = started.Value.InstanceId }, cancellationToken));
    }

    public async Task<ValidationResult<WorkflowState>> DecommissionAsync(Guid serverId, CancellationToken cancellationToken) =>
        await ForServerAsync(serverId, Decommission, new JsonObject { ["serverId"] = serverId.ToString() }, cancellationToken);

    /// <summary>Starts image-capture; the new image will have <paramref name="imageId"/>, so the caller can point at it before it exists.</summary>
    public async Task<ValidationResult<WorkflowState>> CaptureAsync(Guid serverId, string? name, string requestedBy, Guid imageId, CancellationToken cancellationToken) =>
        await ForServerAsync(serverId, Capture, new JsonObject
        {
            ["serverId"] = serverId.ToString(), ["name"] = name, ["requestedBy"] = requestedBy, ["imageId"] = imageId.ToString(),
        }, cancellationToken);

    public async Task<ValidationResult<WorkflowState>> MigrateAsync(Guid serverId, Placement placement, Guid? platformId, CancellationToken cancellationToken) =>
        await ForServerAsync(serverId, Migration, new JsonObject
        {
            ["serverId"] = serverId.ToString(), ["placement"] = placement.ToString(), ["platformId"] = platformId?.ToString(),
        }, cancellationToken);

    private async Task<ValidationResult<WorkflowState>> ForServerAsync(Guid serverId, string workflow, JsonObject inputs, CancellationToken cancellationToken)
    {
        var server = await deployments.FindServerAsync(serverId, cancellationToken);
        if (server is null)
        {
            return ValidationResult<WorkflowState>.Failure("serverId", "There is no server with this id.");
        }

        if (server.Status is not (ServerStatus.Running or ServerStatus.Stopped))
        {
            return ValidationResult<WorkflowState>.Failure("status", $"{server.Name} is {server.Status}: only a running or stopped server can be captured, migrated or decommissioned.");
        }

        return await engine.StartAsync(workflow, inputs, serverId.ToString(), cancellationToken);
    }
}
