using Portal.Domain.Library;

namespace Portal.Provisioning.Boot;

/// <summary>What the image writer is to do for one deployment: fetch this image, check it, write it to that disk.</summary>
public sealed record ImageWriteRequest
{
    public required Guid DeploymentId { get; init; }

    /// <summary>Where the writer fetches the image from (http or https).</summary>
    public required Uri ImageUrl { get; init; }

    public required DiskFormat ImageFormat { get; init; }

    /// <summary>Hex SHA-256 of the image file; the writer refuses to write an image that does not match.</summary>
    public required string ImageSha256 { get; init; }

    /// <summary>The disk to overwrite, e.g. /dev/sda or /dev/disk/by-id/..., or "auto" to let the writer choose.</summary>
    public required string TargetDisk { get; init; }

    /// <summary>
    /// The firmware the machine network-boots with; null when not known, which counts as possibly BIOS (a server
    /// with both boots whichever its setup says).
    /// </summary>
    public FirmwareType? Firmware { get; init; }

    /// <summary>
    /// Whether the platform's iPXE was built with HTTPS (DOWNLOAD_PROTO_HTTPS). Upstream's BIOS builds and the
    /// ones NICs ship in their option ROMs have none, so https:// kernel and initrd URLs are refused for a
    /// machine that may boot BIOS unless the platform says its iPXE has it. Default false.
    /// </summary>
    public bool IpxeHasHttps { get; init; }
}
