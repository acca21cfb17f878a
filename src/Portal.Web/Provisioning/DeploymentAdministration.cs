using Portal.Data.Deployments;
using Portal.Domain.Deployments;
using Portal.Domain.Validation;
using Portal.Provisioning.Deployments;
using Portal.Provisioning.Quotas;
using Portal.Provisioning.Requests;
using Portal.Web.Workflows;
using Portal.Workflows.Hosting;
using Portal.Workflows.Persistence;
using Portal.Workflows.Runtime;

namespace Portal.Web.Provisioning;

/// <summary>
/// What admins do with deployments, for the HTTP API and the pages alike: read one as its view (its own record
/// joined with its workflow), list them, retry a failed one, cancel one that has not ended. Scoped: one per
/// request, or one per operation on a page.
/// </summary>
public sealed class DeploymentAdministration(
    IDeploymentStore deployments, IWorkflowInstanceStore instances, WorkflowEngine engine, WorkflowWakeup wakeup, IRequestStore requests, QuotaPolicy quotas,
    DeploymentListReader list)
{
    public async Task<DeploymentView?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        await deployments.FindAsync(id, cancellationToken) is { } deployment ? await ViewAsync(deployment, cancellationToken) : null;

    /// <summary>The newest first; only <paramref name="requestedBy"/>'s when given.</summary>
    public async Task<IReadOnlyList<DeploymentView>> ListAsync(string? requestedBy, int take, CancellationToken cancellationToken) =>
        (await PageAsync(requestedBy, 0, take, cancellationToken)).Items;

    /// <summary>
    /// Page <paramref name="page"/> (from 0) of the deployments, the newest first, with the total: each deployment's
    /// workflow and server are joined in one query, not looked up one row at a time.
    /// </summary>
    public async Task<DeploymentViewPage> PageAsync(string? requestedBy, int page, int pageSize, CancellationToken cancellationToken)
    {
        var found = await list.PageAsync(requestedBy, page, pageSize, cancellationToken);
        return new DeploymentViewPage(
            found.Items.Select(r => DeploymentView.Of(r.Deployment, r.InstanceStatus, r.FaultMessage, r.Server)).ToList(), found.Total);
    }

    public async Task<DeploymentView> ViewAsync(Deployment deployment, CancellationToken cancellationToken)
    {
        var instance = deployment.WorkflowInstanceId is { } instanceId ? await instances.FindAsync(instanceId, cancellationToken) : null;
        var server = deployment.ServerId is { } serverId ? await deployments.FindServerAsync(serverId, cancellationToken) : null;
        return DeploymentView.Of(deployment, instance, server);
    }

    /// <summary>
    /// A deployment whose workflow is stuck on a failing step runs that step again, its hardware still reserved; one
    /// that ended as failed (no capacity, the image writer failed), its hardware released, deploys again from the start.
    /// A deployment of a request first takes its share of the requester's quota again (given back when the request
    /// ended Failed): the retry is refused, with the numbers, when the requester's quota is full meanwhile.
    /// </summary>
    public async Task<AdminOutcome<DeploymentView>> RetryAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await deployments.FindAsync(id, cancellationToken) is not { } deployment)
        {
            return AdminOutcome<DeploymentView>.NotFound($"There is no deployment {id}.");
        }

        var instance = deployment.WorkflowInstanceId is { } instanceId ? await instances.FindAsync(instanceId, cancellationToken) : null;
        if ((instance is { Status: WorkflowStatus.Faulted } || deployment.Status == DeploymentStatus.Failed)
            && deployment.RequestId is { } requestId
            && await quotas.ReserveForRetryAsync(deployment, await requests.FindAsync(requestId, cancellationToken), cancellationToken) is { Count: > 0 } overQuota)
        {
            return AdminOutcome<DeploymentView>.Refused(overQuota);
        }

        if (instance is { Status: WorkflowStatus.Faulted })
        {
            // A step that kept failing: run it again where it stopped, with the hardware still reserved.
            var retried = await engine.RetryAsync(instance.InstanceId, cancellationToken);
            if (!retried.IsValid)
            {
                return AdminOutcome<DeploymentView>.Refused(retried.Errors);
            }
        }
        else if (deployment.Status == DeploymentStatus.Failed)
        {
            // Ended as failed (no capacity, the writer failed) with its hardware released: deploy again from the start.
            // The deployment is reset before the new run starts, so the new run's allocation is never overwritten.
            await deployments.UpdateAsync(id, d => d with
            {
                Status = DeploymentStatus.Pending, Error = null, WorkflowInstanceId = null, ReservationId = null, TargetPlatformId = null,
                Steps = d.Steps.Select(s => s with { State = StepState.Pending, StartedAt = null, FinishedAt = null, Detail = null }).ToList(),
            }, cancellationToken);
            var started = await engine.StartAsync(ProvisioningWorkflows.Deployment, new() { ["deploymentId"] = id.ToString() }, id.ToString(), cancellationToken);
            if (!started.IsValid)
            {
                await deployments.UpdateAsync(id, d => d with { Status = DeploymentStatus.Failed, Error = started.Errors[0].Message }, cancellationToken);
                await quotas.ReleaseServerAsync(id, cancellationToken);
                return AdminOutcome<DeploymentView>.Refused(started.Errors);
            }

            await deployments.UpdateAsync(id, d => d with { WorkflowInstanceId = d.WorkflowInstanceId ?? started.Value.InstanceId }, cancellationToken);
        }
        else
        {
            return AdminOutcome<DeploymentView>.Refused([new ValidationError("status", $"Only a failed deployment can be retried; this one is {deployment.Status}.")]);
        }

        return AdminOutcome<DeploymentView>.Done(await ViewAsync((await deployments.FindAsync(id, cancellationToken))!, cancellationToken));
    }

    /// <summary>
    /// Cancels the deployment's workflow. The cancel is durable when this returns, and its compensation (Cancel
    /// deployment: the VM deleted, the reservation released, the server record decommissioned, the deployment Cancelled,
    /// its host name freed) runs on the worker — after the step it may be running right now, never in this request. The
    /// view returned is the deployment as it stands; it shows Cancelled once the compensation is done.
    /// </summary>
    public async Task<AdminOutcome<DeploymentView>> CancelAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await deployments.FindAsync(id, cancellationToken) is not { WorkflowInstanceId: { } instanceId })
        {
            return AdminOutcome<DeploymentView>.NotFound($"There is no running deployment {id}.");
        }

        var cancelled = await engine.CancelAsync(instanceId, cancellationToken);
        if (!cancelled.IsValid)
        {
            return AdminOutcome<DeploymentView>.Refused(cancelled.Errors);
        }

        wakeup.Nudge();
        return AdminOutcome<DeploymentView>.Done(await ViewAsync((await deployments.FindAsync(id, cancellationToken))!, cancellationToken));
    }
}
