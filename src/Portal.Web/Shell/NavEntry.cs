namespace Portal.Web.Shell;

/// <summary>One link in the navigation drawer, shown to users holding any of <see cref="Roles"/> (everyone when empty).</summary>
public sealed record NavEntry(string Title, string Href, string Icon, string? Group = null, params string[] Roles)
{
    public bool IsVisibleTo(System.Security.Claims.ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && (Roles.Length == 0 || Roles.Any(user.IsInRole));
}
