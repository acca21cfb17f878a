using System.Security.Claims;
using Portal.Domain.Library;
using Portal.Provisioning.Deployments;
using Portal.Provisioning.Requests;

namespace Portal.Web.Requests;

/// <summary>
/// What the request page shows: the request as <see cref="RequestReader"/> reads it, the chosen platform's name, the
/// image's parameter definitions (for labels and help) and whether this user may cancel it.
/// </summary>
public sealed record RequestDetails(RequestView Request, string? PlatformName, IReadOnlyList<ConfigurationParameter> ParameterDefinitions, bool MayCancel)
{
    /// <summary>
    /// Loads the request in the caller's scope; null when it does not exist or the user may not read it (both look
    /// the same). Every load reads the database, so a page polling it sees what another portal node did.
    /// </summary>
    public static async Task<RequestDetails?> LoadAsync(IServiceProvider services, Guid id, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var request = await services.GetRequiredService<IRequestStore>().FindAsync(id, cancellationToken);
        if (request is null || !RequestAccess.MayRead(user, request))
        {
            return null;
        }

        var view = await services.GetRequiredService<RequestReader>().ViewAsync(request, cancellationToken);
        var library = services.GetRequiredService<IImageCatalog>();
        var platformName = request.PlatformId is { } platformId
            ? (await library.PlatformsAsync(cancellationToken)).FirstOrDefault(p => p.Id == platformId)?.Name
            : null;
        var image = await library.FindImageAsync(request.ImageId, cancellationToken);
        return new RequestDetails(view, platformName, image?.Software.Parameters ?? [], RequestAccess.MayCancel(user, request));
    }

    /// <summary>The definition of a parameter the request gave a value to, when the image still has it.</summary>
    public ConfigurationParameter? Definition(string name) =>
        ParameterDefinitions.FirstOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
}
