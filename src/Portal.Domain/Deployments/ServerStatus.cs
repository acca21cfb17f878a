namespace Portal.Domain.Deployments;

/// <summary>A deployed server's life: being built, running, powered off, being torn down, gone, or broken.</summary>
public enum ServerStatus
{
    Provisioning,
    Running,
    Stopped,
    Decommissioning,
    Decommissioned,
    Failed,
}
