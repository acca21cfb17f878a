namespace Portal.Web.Admin.Users;

/// <summary>The users on one page and how many match in all.</summary>
public sealed record UserPage(IReadOnlyList<UserSummary> Items, int TotalCount);
