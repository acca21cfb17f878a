namespace Portal.Provisioning.Deployments;

/// <summary>Delivers an image writer's callback to the deployment's waiting workflow.</summary>
public interface IDeploymentCallbackSink
{
    /// <summary>False when nothing waits for it (a late or repeated callback): a no-op, never a second run.</summary>
    Task<bool> DeliverAsync(Guid deploymentId, DeploymentCallback callback, CancellationToken cancellationToken);
}
