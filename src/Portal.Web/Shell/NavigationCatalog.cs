using System.Security.Claims;
using MudBlazor;
using Portal.Domain.Security;

namespace Portal.Web.Shell;

/// <summary>
/// Every destination of the drawer with the roles that may see it. The pages carry the same roles in their
/// <c>[Authorize]</c> attributes; hiding a link is a courtesy, the attribute is the rule.
/// </summary>
public sealed class NavigationCatalog
{
    public IReadOnlyList<NavEntry> Entries { get; } =
    [
        new("Home", "/", Icons.Material.Filled.Home),
        new("Catalog", "/catalog", Icons.Material.Filled.Storefront, null, PortalRoles.Requester, PortalRoles.Admin),
        new("My requests", "/requests", Icons.Material.Filled.ListAlt),
        new("My servers", "/servers", Icons.Material.Filled.Dns, null, PortalRoles.Requester, PortalRoles.Admin),
        new("Approvals", "/approvals", Icons.Material.Filled.FactCheck, null, PortalRoles.Approver, PortalRoles.Admin) { ShowsWaitingTasks = true },
        new("Image library", "/library", Icons.Material.Filled.Inventory2),
        new("Platforms", "/admin/platforms", Icons.Material.Filled.Lan, "Administration", PortalRoles.Admin),
        new("Inventory", "/admin/inventory", Icons.Material.Filled.Storage, "Administration", PortalRoles.Admin),
        new("Deployments", "/admin/deployments", Icons.Material.Filled.RocketLaunch, "Administration", PortalRoles.Admin),
        new("Servers", "/admin/servers", Icons.Material.Filled.Dns, "Administration", PortalRoles.Admin),
        new("Leases", "/admin/leases", Icons.Material.Filled.EventBusy, "Administration", PortalRoles.Admin),
        new("Users", "/admin/users", Icons.Material.Filled.People, "Administration", PortalRoles.Admin),
        new("Workflows", "/admin/workflows", Icons.Material.Filled.Schema, "Administration", PortalRoles.Admin),
        new("Workflow instances", "/admin/workflows/instances", Icons.Material.Filled.AccountTree, "Administration", PortalRoles.Admin),
        new("Audit log", "/admin/audit", Icons.Material.Filled.History, "Administration", PortalRoles.Admin),
        new("Quotas", "/admin/quotas", Icons.Material.Filled.DataUsage, "Administration", PortalRoles.Admin),
        new("My account", "/Account/Manage", Icons.Material.Filled.ManageAccounts, "Account"),
    ];

    public IReadOnlyList<NavEntry> VisibleTo(ClaimsPrincipal user) =>
        Entries.Where(e => e.IsVisibleTo(user)).ToList();
}
