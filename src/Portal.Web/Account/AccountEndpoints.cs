using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Portal.Data.Identity;

namespace Portal.Web.Account;

public static class AccountEndpoints
{
    /// <summary>The account actions that are plain form posts rather than pages.</summary>
    public static IEndpointRouteBuilder MapPortalAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var account = endpoints.MapGroup("/Account");

        // A form post with the antiforgery token the layout renders; signing out needs no role. A new security stamp
        // makes every cookie of the user's worthless (SessionStampCheck), not just the one this browser drops: a
        // copy taken earlier signs nobody in afterwards.
        account.MapPost("/Logout", async (HttpContext context, SignInManager<PortalUser> signIn, [FromForm] string? returnUrl) =>
        {
            if (await signIn.UserManager.GetUserAsync(context.User) is { } user)
            {
                await signIn.UserManager.UpdateSecurityStampAsync(user);
            }

            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect(LocalReturnUrl.OrHome(returnUrl));
        }).AllowAnonymous();

        return endpoints;
    }
}
