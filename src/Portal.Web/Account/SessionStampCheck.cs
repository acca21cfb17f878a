using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Portal.Data.Identity;

namespace Portal.Web.Account;

/// <summary>
/// Checks the security stamp in the sign-in cookie against the user's on every request: signing out, a new
/// password, a role change or a lock changes the stamp, and every cookie issued before is refused from then on.
/// One read of the user by key; Identity's own validator would also rebuild and reissue the cookie each time.
/// </summary>
internal static class SessionStampCheck
{
    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        if (principal?.Identity?.IsAuthenticated != true)
        {
            return;
        }

        var claimTypes = context.HttpContext.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        var userId = principal.FindFirst(claimTypes.UserIdClaimType)?.Value;
        var stamp = principal.FindFirst(claimTypes.SecurityStampClaimType)?.Value;
        var users = context.HttpContext.RequestServices.GetRequiredService<UserManager<PortalUser>>();
        var user = userId is null ? null : await users.FindByIdAsync(userId);
        if (user is not null && stamp is not null && string.Equals(stamp, await users.GetSecurityStampAsync(user), StringComparison.Ordinal))
        {
            return;
        }

        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }
}
