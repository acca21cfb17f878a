namespace Portal.Web.Admin.Users;

/// <summary>One page of the users list: search text, sort column and direction, page index and size.</summary>
public sealed record UserQuery(string? Search, string? SortBy, bool Descending, int Page, int PageSize)
{
    public const int MaxPageSize = 200;
}
