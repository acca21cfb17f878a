using Portal.Domain.Library;

namespace Portal.Web.Catalog;

/// <summary>The wizard's first step: what the image is, where it came from and what it runs on, with a way back to the catalog.</summary>
public sealed partial class ImageStep
{
    private IReadOnlyList<PlatformKind> Kinds =>
        CatalogReader.KindsFor(Form.Image, Form.Platforms.Select(p => p.Platform));
}
