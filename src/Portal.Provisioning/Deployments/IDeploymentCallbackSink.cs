namespace Portal.Provisioning.Deployments;

/// <summary>Takes an image writer's callback for a deployment: records it durably, then resumes the deployment waiting for it.</summary>
public interface IDeploymentCallbackSink
{
    /// <summary>
    /// Records the callback (the first one for the current write stands; a repeat is counted, never run again) and
    /// resumes the waiting deployment. The receipt says what the writer is told: done, or call again later.
    /// </summary>
    Task<CallbackReceipt> DeliverAsync(Guid deploymentId, DeploymentCallback callback, CancellationToken cancellationToken);
}
