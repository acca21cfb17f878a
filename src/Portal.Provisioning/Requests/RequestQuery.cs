using Portal.Domain.Requests;

namespace Portal.Provisioning.Requests;

/// <summary>Which requests a list shows: one requester's (or everyone's), a status, a search over image, names and reason; newest first.</summary>
public sealed record RequestQuery
{
    public string? RequestedBy { get; init; }

    public RequestStatus? Status { get; init; }

    public string? Search { get; init; }

    public int Skip { get; init; }

    public int Take { get; init; } = 25;

    /// <summary>Oldest first instead of newest first.</summary>
    public bool OldestFirst { get; init; }
}
