namespace Portal.Domain.Inventory;

/// <summary>Where a physical server is in its life: free, held for a deployment, being written, running, or out of service.</summary>
public enum ServerState
{
    Available,
    Reserved,
    Deploying,
    InUse,
    Maintenance,
    Failed,
}
