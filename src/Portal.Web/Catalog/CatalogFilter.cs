using Portal.Domain.Library;

namespace Portal.Web.Catalog;

/// <summary>
/// What the service catalog is narrowed to, as it travels in the address bar (<c>/catalog?q=ubuntu&amp;kind=Physical</c>)
/// so that a view can be bookmarked, shared and returned to with the back button. Unknown values are ignored.
/// </summary>
public sealed record CatalogFilter
{
    public const string SearchKey = "q";
    public const string OsFamilyKey = "os";
    public const string KindKey = "kind";
    public const string ArchitectureKey = "arch";
    public const string PageKey = "page";

    public static CatalogFilter None { get; } = new();

    /// <summary>Words that must all appear in the name, description, operating system or tags.</summary>
    public string? Search { get; init; }

    public OsFamily? OsFamily { get; init; }

    /// <summary>Only images that some platform of this kind can run.</summary>
    public PlatformKind? Kind { get; init; }

    public CpuArchitecture? Architecture { get; init; }

    public bool IsEmpty => this == None;

    public static CatalogFilter FromQuery(string? search, string? osFamily, string? kind, string? architecture) => new()
    {
        Search = string.IsNullOrWhiteSpace(search) ? null : search.Trim(),
        OsFamily = Parse<OsFamily>(osFamily),
        Kind = Parse<PlatformKind>(kind),
        Architecture = Parse<CpuArchitecture>(architecture),
    };

    /// <summary>The query-string values of this filter and page (1-based; the first page is left out); a null removes its parameter.</summary>
    public IReadOnlyDictionary<string, object?> ToQueryParameters(int page = 1) => new Dictionary<string, object?>
    {
        [SearchKey] = Search,
        [OsFamilyKey] = OsFamily?.ToString(),
        [KindKey] = Kind?.ToString(),
        [ArchitectureKey] = Architecture?.ToString(),
        [PageKey] = page > 1 ? page : null,
    };

    private static T? Parse<T>(string? text) where T : struct, Enum =>
        !string.IsNullOrWhiteSpace(text) && !char.IsAsciiDigit(text.TrimStart('-')[0])
        && Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) ? value : null;
}
