using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Identity;

namespace Portal.Web.Tests.Account;

public sealed class SignInLockoutTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_stranger_guessing_the_admins_password_locks_out_only_their_own_address()
    {
        await using var host = new AccountTestHost(new Dictionary<string, string?> { ["Portal:Accounts:MaxFailedAccessAttempts"] = "3" });
        using var stranger = host.Browser("203.0.113.66");
        for (var attempt = 0; attempt < 20; attempt++)
        {
            using var failed = await FormSignIn.PostAsync(stranger, "admin@portal.local", $"Guess-{attempt}-Password!");
        }

        // Locked out from there, even with the right password...
        using (var refused = await FormSignIn.PostAsync(stranger, "admin@portal.local", PortalAppFactory.DemoPassword))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        }

        using (var home = await stranger.GetAsync("/", Token))
        {
            Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        }

        // ...while the admin, from their own address, signs in, and the account itself carries no lock.
        using var admin = host.Browser("198.51.100.20");
        await FormSignIn.SignInAsync(admin, "admin@portal.local");
        Assert.Contains("Run the portal", await admin.GetStringAsync("/", Token), StringComparison.Ordinal);
        await using var scope = host.Services.CreateAsyncScope();
        var account = await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync("admin@portal.local");
        Assert.Null(account!.LockoutEnd);
    }

    [Fact]
    public async Task A_lock_set_by_an_administrator_still_keeps_the_user_out()
    {
        await using var host = new AccountTestHost();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            Assert.True((await users.SetLockoutEndDateAsync((await users.FindByEmailAsync("approver@portal.local"))!, DateTimeOffset.MaxValue)).Succeeded);
        }

        using var browser = host.Browser("198.51.100.20");
        using var refused = await FormSignIn.PostAsync(browser, "approver@portal.local", PortalAppFactory.DemoPassword);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        using var home = await browser.GetAsync("/", Token);
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
    }
}
