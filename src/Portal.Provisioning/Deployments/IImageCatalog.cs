using Portal.Domain.Library;
using Portal.Domain.Validation;

namespace Portal.Provisioning.Deployments;

/// <summary>What provisioning reads from and adds to the image library.</summary>
public interface IImageCatalog
{
    Task<MasterImage?> FindImageAsync(Guid id, CancellationToken cancellationToken);

    Task<IReadOnlyList<Platform>> PlatformsAsync(CancellationToken cancellationToken);

    /// <summary>Records a converted artifact on its image (lineage: <see cref="ImageArtifact.ConvertedFrom"/>). Adding the same artifact id twice is a no-op.</summary>
    Task AddArtifactAsync(Guid imageId, ImageArtifact artifact, CancellationToken cancellationToken);

    Task<ValidationResult<MasterImage>> CreateImageAsync(MasterImage image, CancellationToken cancellationToken);
}
