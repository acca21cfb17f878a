using Portal.Data.Library;
using Portal.Domain.Inventory;
using Portal.Domain.Library;

namespace Portal.Web.Provisioning.Deployments;

/// <summary>The names deployment pages show for the ids a deployment holds: its image, and the platform it landed on or was pinned to.</summary>
public sealed record DeploymentLabels(IReadOnlyDictionary<Guid, MasterImage> Images, IReadOnlyDictionary<Guid, Platform> Platforms)
{
    /// <summary>"Ubuntu 24.04 LTS server 2026.09"; an image that is gone says so.</summary>
    public string Image(Guid id) => Images.TryGetValue(id, out var image) ? $"{image.Name} {image.Version}" : $"Image {id.ToString("N")[..8]} (removed)";

    public string Platform(Guid id) => Platforms.TryGetValue(id, out var platform) ? platform.Name : $"Platform {id.ToString("N")[..8]} (removed)";

    /// <summary>Where it landed; before hardware is reserved, where it may land.</summary>
    public string Target(DeploymentView deployment) => (deployment.TargetPlatformId, deployment.PlatformId) switch
    {
        ({ } target, _) => Platform(target),
        (null, { } pinned) => $"{Platform(pinned)} · not placed yet",
        _ => deployment.Placement == Placement.Any
            ? "any platform · not placed yet"
            : $"any {deployment.Placement.ToString().ToLowerInvariant()} platform · not placed yet",
    };

    /// <summary>Where it landed or was pinned; null while it may still land anywhere (or the platform is gone).</summary>
    public Platform? TargetPlatform(DeploymentView deployment) =>
        (deployment.TargetPlatformId ?? deployment.PlatformId) is { } id ? Platforms.GetValueOrDefault(id) : null;

    /// <summary>Loads the images named (in one query) and every platform, in the caller's scope.</summary>
    public static async Task<DeploymentLabels> LoadAsync(IServiceProvider services, IEnumerable<Guid> imageIds, CancellationToken cancellationToken)
    {
        var store = services.GetRequiredService<ImageStore>();
        var images = await store.FindManyAsync(imageIds, cancellationToken);
        return new DeploymentLabels(images, (await store.PlatformsAsync(cancellationToken)).ToDictionary(p => p.Id));
    }
}
