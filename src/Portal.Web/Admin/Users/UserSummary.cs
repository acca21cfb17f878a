namespace Portal.Web.Admin.Users;

/// <summary>A row of the users page.</summary>
public sealed record UserSummary(
    string Id, string Email, string? DisplayName, IReadOnlyList<string> Roles, bool IsLocked,
    DateTimeOffset? LockedUntil, int FailedSignIns, DateTimeOffset CreatedAt);
