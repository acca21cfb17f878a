namespace Portal.Workflows.Hosting;

/// <summary>How a node claims work, holds instances and runs steps.</summary>
public sealed record WorkflowEngineOptions
{
    /// <summary>This node's name in claims and leases; unique per process by default.</summary>
    public string NodeId { get; init; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>
    /// How long a claimed work item is this node's without a heartbeat; after that another node picks it up. A running
    /// step's heartbeat extends it, so it bounds how long a dead node's work waits, not how long a step may take.
    /// </summary>
    public TimeSpan ClaimDuration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a lease on an instance lasts without a heartbeat; a dead node's instances are free after it.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How often a running step renews its lease and claims, and looks for a cancel of its instance. Well under
    /// <see cref="LeaseDuration"/>, so that a renewal or two may fail (a short database outage) before the lease lapses.
    /// </summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>When an instance is busy on another node, its work is offered again after this.</summary>
    public TimeSpan BusyRetry { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>A step that failed (not the activity: the step itself, e.g. the database went away) is given back, due again after this.</summary>
    public TimeSpan FailedStepRetry { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How many instances a node's worker runs at once. Provisioning steps mostly wait on I/O, so one slow image write
    /// must not hold up the others; a node claims no more than it has free.
    /// </summary>
    public int Concurrency { get; init; } = 8;

    /// <summary>How long an admin's retry or skip, or a cancel with a condition, waits for a running step of the instance to end.</summary>
    public TimeSpan AdminWait { get; init; } = TimeSpan.FromSeconds(10);
}
