using Portal.Domain.Requests;
using Portal.Provisioning.Requests;

namespace Portal.Web.Requests;

/// <summary>
/// What the request list is filtered by, as it travels in the address (<c>/requests?status=Rejected&amp;q=web&amp;mine=true</c>)
/// so that a filtered list can be bookmarked or sent. Unknown values are ignored, not errors.
/// </summary>
public sealed record RequestListFilter
{
    public const string StatusKey = "status";
    public const string SearchKey = "q";
    public const string MineKey = "mine";

    public static RequestListFilter None { get; } = new();

    public RequestStatus? Status { get; init; }

    public string? Search { get; init; }

    /// <summary>Only the user's own requests; approvers and admins see everyone's otherwise.</summary>
    public bool Mine { get; init; }

    /// <summary>No status and no search (whose requests is a view, not a filter).</summary>
    public bool IsEmpty => Status is null && Search is null;

    public static RequestListFilter FromQuery(string? status, string? search, bool? mine) => new()
    {
        Status = Enum.TryParse<RequestStatus>(status, ignoreCase: true, out var value) && Enum.IsDefined(value)
            && !int.TryParse(status, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out _)
            ? value : null,
        Search = string.IsNullOrWhiteSpace(search) ? null : search.Trim(),
        Mine = mine == true,
    };

    /// <summary>The query-string values; a null removes its parameter from the address.</summary>
    public IReadOnlyDictionary<string, object?> ToQueryParameters() => new Dictionary<string, object?>
    {
        [StatusKey] = Status?.ToString(),
        [SearchKey] = Search,
        [MineKey] = Mine ? "true" : null,
    };

    /// <summary>
    /// The store query for one page: everyone's requests only for someone who sees all (approvers, admins) and did not
    /// ask for their own; newest first unless <paramref name="oldestFirst"/>.
    /// </summary>
    public RequestQuery ToQuery(string user, bool seesAll, int page, int pageSize, bool oldestFirst) => new()
    {
        RequestedBy = seesAll && !Mine ? null : user,
        Status = Status,
        Search = Search,
        Skip = Math.Max(0, page) * Math.Max(1, pageSize),
        Take = Math.Clamp(pageSize, 1, 200),
        OldestFirst = oldestFirst,
    };
}
