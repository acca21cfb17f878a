namespace Portal.Domain.Security;

/// <summary>The three roles of the portal. A user may hold several.</summary>
public static class PortalRoles
{
    /// <summary>Requests servers from the image library and manages their own servers.</summary>
    public const string Requester = "Requester";

    /// <summary>Decides on other people's requests.</summary>
    public const string Approver = "Approver";

    /// <summary>Curates the library, owns the workflows, runs operations and manages users.</summary>
    public const string Admin = "Admin";

    public static IReadOnlyList<string> All { get; } = [Requester, Approver, Admin];

    /// <summary>Role names are compared the way Identity normalises them.</summary>
    public static bool IsKnown(string role) => All.Contains(role, StringComparer.OrdinalIgnoreCase);
}
