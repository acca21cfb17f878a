using Portal.Domain.Library;

namespace Portal.Provisioning.Drivers;

/// <summary>Converts an artifact to another disk format; the result is a new artifact of the same image, with lineage.</summary>
public interface IImageConverter
{
    Task<ImageArtifact> ConvertAsync(
        string idempotencyKey, Guid imageId, ImageArtifact source, DiskFormat target, IProgress<double>? progress, CancellationToken cancellationToken);
}
