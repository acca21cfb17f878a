namespace Portal.Domain.Deployments;

/// <summary>A deployment as its requester sees it: not started yet, running, done, failed (retryable), or cancelled.</summary>
public enum DeploymentStatus
{
    Pending,
    Running,
    Completed,
    Failed,
    Cancelled,
}
