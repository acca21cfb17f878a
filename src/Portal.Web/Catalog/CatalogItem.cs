using Portal.Domain.Library;

namespace Portal.Web.Catalog;

/// <summary>
/// One card of the service catalog: what the image is, what it runs on by default, where it came from and which
/// kinds of platform can run it (none: it cannot be requested).
/// </summary>
public sealed record CatalogItem(
    Guid Id,
    string Name,
    string Version,
    string Description,
    OsFamily OsFamily,
    string Distribution,
    string OsVersion,
    CpuArchitecture Architecture,
    string Hardware,
    Provenance? Provenance,
    IReadOnlyList<PlatformKind> Kinds,
    IReadOnlyList<string> Tags)
{
    public bool Requestable => Kinds.Count > 0;
}
