using System.Security.Claims;
using Portal.Domain.Requests;
using Portal.Domain.Security;

namespace Portal.Web.Requests;

/// <summary>
/// Who may do what with a request. Its requester reads and withdraws it; approvers and admins read every request
/// (they decide on them); admins withdraw any. Everyone else is told it does not exist.
/// </summary>
public static class RequestAccess
{
    public static bool MayRequest(ClaimsPrincipal user) => user.IsInRole(PortalRoles.Requester) || user.IsInRole(PortalRoles.Admin);

    public static bool MayRead(ClaimsPrincipal user, ServerRequest request) =>
        IsOwner(user, request.RequestedBy) || user.IsInRole(PortalRoles.Approver) || user.IsInRole(PortalRoles.Admin);

    public static bool MayCancel(ClaimsPrincipal user, ServerRequest request) => IsOwner(user, request.RequestedBy) || user.IsInRole(PortalRoles.Admin);

    /// <summary>Whether the user sees every request in lists (not only their own).</summary>
    public static bool SeesAll(ClaimsPrincipal user) => user.IsInRole(PortalRoles.Approver) || user.IsInRole(PortalRoles.Admin);

    public static bool IsOwner(ClaimsPrincipal user, string owner) => string.Equals(user.Identity?.Name, owner, StringComparison.OrdinalIgnoreCase);
}
