using Portal.Domain.Library;

namespace Portal.Domain.Deployments;

/// <summary>
/// A server a deployment produced: a VM on a hypervisor host or a bare-metal server, with the hardware it
/// was given. Capture reads it back into an image; migration moves it; decommission gives its hardware back.
/// </summary>
public sealed record DeployedServer
{
    public required Guid Id { get; init; }

    public required string Name { get; init; }

    public required string Owner { get; init; }

    public required Guid ImageId { get; init; }

    public required Guid DeploymentId { get; init; }

    /// <summary>The request it was made for, when it came through the self-service journey.</summary>
    public Guid? RequestId { get; init; }

    /// <summary>The address the machine got: a static one from its parameters, or what the platform reports.</summary>
    public string? IpAddress { get; init; }

    public required PlatformKind Kind { get; init; }

    public required Guid PlatformId { get; init; }

    public required PlatformTechnology Technology { get; init; }

    /// <summary>The inventory server it runs on (physical) or the host its VM runs on (virtual).</summary>
    public Guid? PhysicalServerId { get; init; }

    public Guid? HostId { get; init; }

    /// <summary>The machine's name on its hypervisor (the VM's domain name), or the physical server's name.</summary>
    public required string MachineName { get; init; }

    public required HardwareConfiguration Hardware { get; init; }

    public required string OsLabel { get; init; }

    /// <summary>The disk the image was written to, in the format written; capture reads it back.</summary>
    public string? DiskLocation { get; init; }

    public DiskFormat? DiskFormat { get; init; }

    public Guid? ReservationId { get; init; }

    public ServerStatus Status { get; init; } = ServerStatus.Provisioning;

    public required DateTimeOffset CreatedAt { get; init; }
}
