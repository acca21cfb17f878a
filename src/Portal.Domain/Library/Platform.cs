namespace Portal.Domain.Library;

/// <summary>A place images deploy to: a physical pool behind a boot server, or a virtual cluster behind a hypervisor.</summary>
public sealed record Platform
{
    public required Guid Id { get; init; }

    public required string Name { get; init; }

    public required PlatformKind Kind { get; init; }

    public required PlatformTechnology Technology { get; init; }

    public required PlatformCapabilities Capabilities { get; init; }

    public string? Description { get; init; }

    /// <summary>
    /// Which driver serves the platform and how it connects; null for a platform never configured, which follows
    /// <c>Portal:Provisioning:Drivers</c> (the driver of its technology when Real, the simulated datacenter otherwise).
    /// </summary>
    public PlatformConnection? Connection { get; init; }
}
