using Portal.Domain.Library;

namespace Portal.Data.Library;

/// <summary>One page of the library: free text, filters, sort and paging, all applied on the server.</summary>
public sealed record ImageQuery
{
    public string? Search { get; init; }

    public OsFamily? OsFamily { get; init; }

    public CpuArchitecture? Architecture { get; init; }

    public CaptureSource? CapturedFrom { get; init; }

    public ImageLifecycle? Lifecycle { get; init; }

    /// <summary>Only images that can deploy to this platform.</summary>
    public Guid? CompatibleWith { get; init; }

    /// <summary>Name, Version, OsLabel, Lifecycle or UpdatedAt; Name when empty.</summary>
    public string? SortBy { get; init; }

    public bool Descending { get; init; }

    public int Page { get; init; }

    public int PageSize { get; init; } = 25;

    /// <summary>Drafts, deprecated and retired images are for admins; requesters see what they can request.</summary>
    public bool IncludeUnpublished { get; init; }

    public const int MaxPageSize = 200;
}
