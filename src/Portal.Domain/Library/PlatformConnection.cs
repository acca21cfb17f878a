namespace Portal.Domain.Library;

/// <summary>
/// How the portal reaches a platform: the driver, its address and credentials. The password is a
/// <see cref="SecretValue"/>, write-only: stored encrypted, never shown back; an empty one given to a save keeps the
/// password stored before.
/// </summary>
public sealed record PlatformConnection
{
    /// <summary>The settings of a platform the simulated datacenter plays.</summary>
    public static PlatformConnection Simulated { get; } = new() { Driver = PlatformDriver.Simulated };

    public required PlatformDriver Driver { get; init; }

    /// <summary>
    /// Libvirt: the URI of the platform (qemu:///system, qemu+ssh://root@kvm01/system), the default connection of its
    /// hosts and the one Test connection opens. Redfish: optionally a pool-wide service (https://…) with its own
    /// credentials, e.g. a BMC aggregator; each server still has its own BMC address.
    /// </summary>
    public string? Uri { get; init; }

    public string? UserName { get; init; }

    /// <summary>Write-only; empty when none is stored (or, given to a save, to keep the stored one).</summary>
    public SecretValue Password { get; init; } = new("");

    /// <summary>Bare metal: the platform's iPXE build speaks HTTPS (BIOS builds usually do not), so https:// boot URLs may go to BIOS machines.</summary>
    public bool IpxeHasHttps { get; init; }

    /// <summary>Whether a password is stored: what a page may say of it.</summary>
    public bool HasPassword => Password.Reveal().Length > 0;
}
