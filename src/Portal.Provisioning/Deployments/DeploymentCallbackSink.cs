using System.Text.Json.Nodes;
using Portal.Provisioning.Activities;
using Portal.Workflows.Hosting;
using Portal.Workflows.Persistence;

namespace Portal.Provisioning.Deployments;

/// <summary>
/// Hands an image writer's callback to the deployment's workflow: finds the instance the deployment runs in
/// and its "wait for deployment callback" bookmark, and queues the resume. The engine makes a repeated
/// callback a no-op (the bookmark is consumed by the first).
/// </summary>
public sealed class DeploymentCallbackSink(IDeploymentStore deployments, IWorkflowInstanceStore instances, WorkflowEngine engine) : IDeploymentCallbackSink
{
    public async Task<bool> DeliverAsync(Guid deploymentId, DeploymentCallback callback, CancellationToken cancellationToken)
    {
        if (await deployments.FindAsync(deploymentId, cancellationToken) is not { WorkflowInstanceId: { } instanceId }
            || await instances.FindAsync(instanceId, cancellationToken) is not { } instance)
        {
            return false;
        }

        var bookmark = instance.Bookmarks.FirstOrDefault(b =>
            b.Name == WaitForDeploymentCallbackActivity.BookmarkName && b.Data?["deploymentId"]?.GetValue<string>() == deploymentId.ToString());
        if (bookmark is null)
        {
            return false;
        }

        await engine.ResumeAsync(instanceId, bookmark.Id, new JsonObject
        {
            ["succeeded"] = callback.Succeeded,
            ["message"] = callback.Message,
            ["diskLocation"] = callback.DiskLocation,
        }, cancellationToken);
        return true;
    }
}
