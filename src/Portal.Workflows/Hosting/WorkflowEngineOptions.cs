namespace Portal.Workflows.Hosting;

/// <summary>How a node claims work and holds instances.</summary>
public sealed record WorkflowEngineOptions
{
    /// <summary>This node's name in claims and leases; unique per process by default.</summary>
    public string NodeId { get; init; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>How long a claimed work item is this node's; after that another node picks it up.</summary>
    public TimeSpan ClaimDuration { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a lease on an instance lasts; a dead node's instances are free after it.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>When an instance is busy on another node, its work is offered again after this.</summary>
    public TimeSpan BusyRetry { get; init; } = TimeSpan.FromMilliseconds(200);
}
