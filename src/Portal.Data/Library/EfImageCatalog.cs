using Portal.Domain.Library;
using Portal.Domain.Validation;
using Portal.Provisioning.Deployments;

namespace Portal.Data.Library;

/// <summary>The image library as provisioning sees it: read images and platforms, add converted artifacts and captured images.</summary>
public sealed class EfImageCatalog(ImageStore images) : IImageCatalog
{
    public Task<MasterImage?> FindImageAsync(Guid id, CancellationToken cancellationToken) => images.FindAsync(id, cancellationToken);

    public Task<IReadOnlyList<Platform>> PlatformsAsync(CancellationToken cancellationToken) => images.PlatformsAsync(cancellationToken);

    public async Task AddArtifactAsync(Guid imageId, ImageArtifact artifact, CancellationToken cancellationToken)
    {
        var image = await images.FindAsync(imageId, cancellationToken) ?? throw new InvalidOperationException($"Image {imageId} does not exist.");
        if (image.Artifacts.Any(a => a.Id == artifact.Id))
        {
            return;
        }

        var updated = await images.UpdateAsync(image with { Artifacts = [.. image.Artifacts, artifact] }, cancellationToken);
        if (!updated.IsValid)
        {
            throw new InvalidOperationException($"The converted artifact could not be recorded on image {imageId}: {string.Join("; ", updated.Errors.Select(e => e.Message))}");
        }
    }

    public Task<ValidationResult<MasterImage>> CreateImageAsync(MasterImage image, CancellationToken cancellationToken) =>
        images.CreateAsync(image, cancellationToken);
}
