using Portal.Domain.Library;
using Portal.Provisioning.Drivers;

namespace Portal.Provisioning.Conversion;

/// <summary>
/// The real image converter: qemu-img converts a file artifact into the library's folder for its image; the
/// result is a new artifact of the same image, with the same provenance and <see cref="ImageArtifact.ConvertedFrom"/>
/// naming its source. The new artifact's id and path come from the step's key, so a retried step finds its file.
/// </summary>
public sealed class QemuImageConverter(QemuImg qemu, string libraryFolder) : IImageConverter
{
    public async Task<ImageArtifact> ConvertAsync(
        string idempotencyKey, Guid imageId, ImageArtifact source, DiskFormat target, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        if (!source.Location.IsFile)
        {
            throw new DriverException($"The artifact {source.Id} is at {source.Location}; qemu-img converts files on this machine only.");
        }

        var id = KeyedGuid.For(idempotencyKey);
        var path = Path.Combine(libraryFolder, imageId.ToString("D"), $"{id:D}.{target.ToString().ToLowerInvariant()}");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        ConvertedImage converted;
        try
        {
            converted = await qemu.ConvertAsync(new ConversionRequest
            {
                SourcePath = source.Location.LocalPath, SourceFormat = source.Format, TargetFormat = target, TargetPath = path,
            }, progress, cancellationToken);
        }
        catch (QemuImgException e)
        {
            throw new DriverException(e.Message, e);
        }

        return source with
        {
            Id = id,
            Format = target,
            SizeBytes = converted.SizeBytes,
            Sha256 = converted.Sha256,
            Location = new Uri(converted.Path),
            ConvertedFrom = source.Id,
        };
    }
}
