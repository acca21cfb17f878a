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
}
