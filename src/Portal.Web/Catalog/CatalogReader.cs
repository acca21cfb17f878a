using Portal.Data.Library;
using Portal.Domain.Library;

namespace Portal.Web.Catalog;

/// <summary>
/// Reads the service catalog: the published images, searched and filtered, one page at a time. The platforms an
/// image can go to are computed from the model (<see cref="CompatibilityRules"/>), not stored, so the kind filter
/// and the search over descriptions run here, on the server, over the published images of the chosen OS and
/// architecture; only the page asked for goes to the browser. It works on the store of the caller's scope.
/// </summary>
public sealed class CatalogReader(ImageStore images)
{
    public const int PageSize = 12;

    /// <param name="page">Zero-based.</param>
    public async Task<CatalogResults> ListAsync(CatalogFilter filter, int page, int pageSize, CancellationToken cancellationToken)
    {
        var platforms = await images.PlatformsAsync(cancellationToken);
        var published = await images.PublishedAsync(filter.OsFamily, filter.Architecture, cancellationToken);
        var words = (filter.Search ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var matching = published
            .Where(image => words.All(word => Matches(image, word)))
            .Select(image => ToItem(image, platforms))
            .Where(item => filter.Kind is not { } kind || item.Kinds.Contains(kind))
            .ToList();
        var size = Math.Clamp(pageSize, 1, ImageQuery.MaxPageSize);
        return new CatalogResults(matching.Skip(Math.Max(0, page) * size).Take(size).ToList(), matching.Count);
    }

    /// <summary>The kinds of platform at least one of which can run the image, virtual first.</summary>
    public static IReadOnlyList<PlatformKind> KindsFor(MasterImage image, IEnumerable<Platform> platforms) =>
        platforms.Where(p => CompatibilityRules.Check(image, p).Compatible)
            .Select(p => p.Kind).Distinct().OrderBy(k => k == PlatformKind.Virtual ? 0 : 1).ToList();

    private static CatalogItem ToItem(MasterImage image, IReadOnlyList<Platform> platforms) => new(
        image.Id, image.Name, image.Version, image.Description, image.Software.Family, image.Software.Distribution, image.Software.Version,
        image.Hardware.Architecture, image.Hardware.Summary(), image.Original?.Provenance, KindsFor(image, platforms), image.Tags);

    private static bool Matches(MasterImage image, string word) =>
        Contains(image.Name, word) || Contains(image.Description, word) || Contains(image.Software.OsLabel, word)
        || image.Tags.Any(tag => Contains(tag, word));

    private static bool Contains(string? text, string word) => text?.Contains(word, StringComparison.OrdinalIgnoreCase) == true;
}
