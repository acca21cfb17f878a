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
}
