namespace Portal.Web.Shell;

/// <summary>One link in the navigation drawer, shown to signed-in users holding any of <see cref="Roles"/> (every signed-in user when empty).</summary>
public sealed record NavEntry(string Title, string Href, string Icon, string? Group = null, params string[] Roles)
{
    /// <summary>Whether the link carries the number of approval tasks waiting for the user.</summary>
    public bool ShowsWaitingTasks { get; init; }

    public bool IsVisibleTo(System.Security.Claims.ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && (Roles.Length == 0 || Roles.Any(user.IsInRole));
}
