using Portal.Domain.Library;

namespace Portal.Web.Catalog;

/// <summary>A platform the wizard lists, with whether and why not the image can go there, and whether it is simulated.</summary>
public sealed record PlatformOption(Platform Platform, CompatibilityReport Compatibility, bool Simulated)
{
    public Guid Id => Platform.Id;

    public string Name => Platform.Name;

    public PlatformKind Kind => Platform.Kind;

    public static PlatformOption For(MasterImage image, Platform platform, bool simulated) =>
        new(platform, CompatibilityRules.Check(image, platform), simulated);
}
