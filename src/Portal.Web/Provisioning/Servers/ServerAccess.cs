using System.Security.Claims;
using Portal.Domain.Security;

namespace Portal.Web.Provisioning.Servers;

/// <summary>
/// Who may do what with a deployed server. Its owner and admins capture, migrate or decommission it (the workflows
/// themselves do not check who asks: the pages and the API do); only its owner ever sees its initial password.
/// </summary>
public static class ServerAccess
{
    public static bool MayAct(ClaimsPrincipal user, string owner) => user.IsInRole(PortalRoles.Admin) || IsOwner(user, owner);

    public static bool IsOwner(ClaimsPrincipal user, string owner) =>
        string.Equals(user.Identity?.Name, owner, StringComparison.OrdinalIgnoreCase);
}
