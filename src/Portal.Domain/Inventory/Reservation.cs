namespace Portal.Domain.Inventory;

/// <summary>
/// Hardware held for one deployment: a whole physical server, or a share of a hypervisor host. It expires
/// unless the deployment commits it, so a deployment that dies quietly does not hold hardware forever.
/// </summary>
public sealed record Reservation
{
    public required Guid Id { get; init; }

    /// <summary>The idempotency key of the allocating step: a re-delivered allocation finds this reservation.</summary>
    public required string Key { get; init; }

    public required Guid DeploymentId { get; init; }

    public required Placement Kind { get; init; }

    public Guid? ServerId { get; init; }

    public Guid? HostId { get; init; }

    public required int Vcpus { get; init; }

    public required long MemoryMiB { get; init; }

    public required long StorageGiB { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Null once committed: a running server's hardware is held until it is decommissioned.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    public bool IsExpired(DateTimeOffset now) => ExpiresAt is { } expiry && expiry <= now;
}
