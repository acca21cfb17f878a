using Portal.Data.Library;
using Portal.Domain.Library;

namespace Portal.Web.Library;

/// <summary>
/// What the library page is filtered by, as it travels in the address bar (<c>/library?q=debian&amp;os=Linux</c>)
/// so that a filtered view can be bookmarked and shared. Unknown or malformed values are ignored, not errors.
/// </summary>
public sealed record LibraryFilter
{
    public const string SearchKey = "q";
    public const string OsFamilyKey = "os";
    public const string ArchitectureKey = "arch";
    public const string CapturedFromKey = "source";
    public const string LifecycleKey = "lifecycle";
    public const string CompatibleWithKey = "platform";

    public static LibraryFilter None { get; } = new();

    public string? Search { get; init; }

    public OsFamily? OsFamily { get; init; }

    public CpuArchitecture? Architecture { get; init; }

    public CaptureSource? CapturedFrom { get; init; }

    /// <summary>Only admins filter by lifecycle; everybody else sees published images only.</summary>
    public ImageLifecycle? Lifecycle { get; init; }

    public Guid? CompatibleWith { get; init; }

    public bool IsEmpty => this == None;

    public static LibraryFilter FromQuery(string? search, string? osFamily, string? architecture, string? capturedFrom, string? lifecycle, Guid? compatibleWith) => new()
    {
        Search = string.IsNullOrWhiteSpace(search) ? null : search.Trim(),
        OsFamily = Parse<OsFamily>(osFamily),
        Architecture = Parse<CpuArchitecture>(architecture),
        CapturedFrom = Parse<CaptureSource>(capturedFrom),
        Lifecycle = Parse<ImageLifecycle>(lifecycle),
        CompatibleWith = compatibleWith,
    };

    /// <summary>The query-string values for this filter; a null removes its parameter from the address.</summary>
    public IReadOnlyDictionary<string, object?> ToQueryParameters() => new Dictionary<string, object?>
    {
        [SearchKey] = Search,
        [OsFamilyKey] = OsFamily?.ToString(),
        [ArchitectureKey] = Architecture?.ToString(),
        [CapturedFromKey] = CapturedFrom?.ToString(),
        [LifecycleKey] = Lifecycle?.ToString(),
        [CompatibleWithKey] = CompatibleWith,
    };

    /// <summary>
    /// The store query for one page of the grid. Drafts, deprecated and retired images are included for admins
    /// only, and only admins' lifecycle choice counts.
    /// </summary>
    public ImageQuery ToImageQuery(bool isAdmin, string? sortBy, bool descending, int page, int pageSize) => new()
    {
        Search = Search,
        OsFamily = OsFamily,
        Architecture = Architecture,
        CapturedFrom = CapturedFrom,
        Lifecycle = isAdmin ? Lifecycle : null,
        CompatibleWith = CompatibleWith,
        IncludeUnpublished = isAdmin,
        SortBy = sortBy,
        Descending = descending,
        Page = page,
        PageSize = pageSize,
    };

    private static T? Parse<T>(string? text) where T : struct, Enum =>
        Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) && !int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out _) ? value : null;
}
