using System.Text.Json.Nodes;
using Portal.Domain.Deployments;
using Portal.Domain.Library;
using Portal.Provisioning.Activities;
using Portal.Workflows.Hosting;
using Portal.Workflows.Persistence;

namespace Portal.Provisioning.Deployments;

/// <summary>
/// Hands an image writer's callback to the deployment. The callback is first recorded on the deployment's writer
/// session (<see cref="IWriterSessionStore"/>), so it is never lost: the wait takes a callback recorded before it
/// started, and a callback that arrives while the deployment is still committing its write step is answered
/// "call again" (the writer retries), which closes the gap between the wait's look and its bookmark. Then the
/// "wait for deployment callback" bookmark is resumed with the first recorded callback; the engine makes a repeated
/// resume a no-op (the bookmark is consumed by the first), and a repeated callback is answered with what was recorded.
/// </summary>
public sealed class DeploymentCallbackSink(
    IDeploymentStore deployments, IWriterSessionStore writers, IWorkflowInstanceStore instances, WorkflowEngine engine, Provisioner provisioner, TimeProvider clock)
    : IDeploymentCallbackSink
{
    public async Task<CallbackReceipt> DeliverAsync(Guid deploymentId, DeploymentCallback callback, CancellationToken cancellationToken)
    {
        if (await writers.RecordCallbackAsync(deploymentId, callback, clock.GetUtcNow(), cancellationToken) is not { Callback: { } recorded } session
            || await deployments.FindAsync(deploymentId, cancellationToken) is not { } deployment)
        {
            return new CallbackReceipt(CallbackReceiptKind.Unknown, null, "no image writer was booted for this deployment");
        }

        var repeat = session.Callbacks > 1;
        if (session.TimedOutAt is not null
            || (session.ConsumedAt is null && deployment.Status is DeploymentStatus.Cancelled or DeploymentStatus.Failed or DeploymentStatus.Completed))
        {
            var back = !repeat && await provisioner.RecordLateCallbackAsync(deploymentId, recorded, cancellationToken);
            return new CallbackReceipt(CallbackReceiptKind.Late, recorded,
                $"recorded after the deployment stopped waiting ({deployment.Status}){(back ? "; the server is back in the pool" : "")}");
        }

        if (deployment.WorkflowInstanceId is { } instanceId && await instances.FindAsync(instanceId, cancellationToken) is { } instance
            && instance.Bookmarks.FirstOrDefault(b => b.Name == WaitForDeploymentCallbackActivity.BookmarkName
                && b.Data?["deploymentId"]?.GetValue<string>() == deploymentId.ToString()) is { } bookmark)
        {
            // Resumed with the first callback, whichever this one is: a repeat resumes nothing the first did not.
            await engine.ResumeAsync(instanceId, bookmark.Id, new JsonObject
            {
                ["succeeded"] = recorded.Succeeded,
                ["message"] = recorded.Message,
                ["diskLocation"] = recorded.DiskLocation,
            }, cancellationToken);
            return repeat
                ? new CallbackReceipt(CallbackReceiptKind.AlreadyRecorded, recorded, "a repeat: the first callback was recorded and handed to the deployment")
                : new CallbackReceipt(CallbackReceiptKind.Resumed, recorded, "recorded; the deployment goes on");
        }

        if (session.ConsumedAt is not null || deployment.Steps.FirstOrDefault(s => s.Kind == DeploymentStepKind.WriteImage) is { State: StepState.Completed or StepState.Failed })
        {
            return new CallbackReceipt(CallbackReceiptKind.AlreadyRecorded, recorded, "a repeat: the deployment took the first callback already");
        }

        return new CallbackReceipt(CallbackReceiptKind.NotWaitingYet, recorded, "recorded; the deployment is not waiting yet, call again");
    }
}
