using System.Security.Claims;
using Portal.Domain.Security;

namespace Portal.Web.Shell;

/// <summary>The home page's "what you can do next", one card per role the user holds.</summary>
public static class HomeGuide
{
    private static readonly IReadOnlyList<RoleGuide> Guides =
    [
        new(PortalRoles.Requester, "Request servers",
            "Pick a master image from the service catalog, size it within its hardware template, and follow the request until the server is ready.",
            [new("Request a server", "/catalog"), new("Follow my requests", "/requests"), new("Use my servers", "/servers"), new("Browse the image library", "/library")]),
        new(PortalRoles.Approver, "Decide on requests",
            "Requests that wait for you show who asks, for what, where and at what cost; approve or reject several at once.",
            [new("Open my approval queue", "/approvals")]),
        new(PortalRoles.Admin, "Run the portal",
            "Manage users and roles, curate the image library, edit the provisioning workflows and watch operations.",
            [new("Manage users and roles", "/admin/users"), new("Curate the image library", "/library"), new("Manage platforms", "/admin/platforms"), new("Edit provisioning workflows", "/admin/workflows")]),
    ];

    public static IReadOnlyList<RoleGuide> For(ClaimsPrincipal user) =>
        Guides.Where(g => user.IsInRole(g.Role)).ToList();
}
