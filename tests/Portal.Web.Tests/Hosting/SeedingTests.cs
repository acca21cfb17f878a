using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Identity;
using Portal.Domain.Security;
using Portal.Testing;

namespace Portal.Web.Tests.Hosting;

public sealed class SeedingTests
{
    [Fact]
    public async Task With_demo_users_on_a_first_start_creates_one_user_per_role_in_a_sqlite_file()
    {
        await using var factory = new PortalAppFactory();
        factory.StartServer();

        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        Assert.Contains(PortalRoles.Requester, await RolesOf(users, "requester@portal.local"));
        Assert.Contains(PortalRoles.Approver, await RolesOf(users, "approver@portal.local"));
        Assert.Contains(PortalRoles.Admin, await RolesOf(users, "admin@portal.local"));
        Assert.True(File.Exists(Path.Combine(factory.DataDirectory, "portal.db")), "The database file belongs in the data folder.");
    }

    [Fact]
    public async Task With_demo_users_off_no_user_is_created()
    {
        await using var factory = new PortalAppFactory(new Dictionary<string, string?> { ["Portal:Seed:DemoUsers"] = "false" });
        factory.StartServer();

        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        Assert.Empty(users.Users.ToList());
    }

    [Fact]
    public async Task A_second_start_reuses_the_database_and_keeps_a_changed_demo_password()
    {
        using var folder = new TempDirectory();
        await using (var first = new PortalAppFactory(dataDirectory: folder.Path))
        {
            first.StartServer();
            await using var scope = first.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var admin = (await users.FindByEmailAsync("admin@portal.local"))!;
            var changed = await users.ChangePasswordAsync(admin, PortalAppFactory.DemoPassword, "Changed-Password-456!");
            Assert.True(changed.Succeeded, string.Join(" ", changed.Errors.Select(e => e.Description)));
        }

        await using var second = new PortalAppFactory(dataDirectory: folder.Path);
        using var client = second.CreateBrowserLikeClient();

        await FormSignIn.SignInAsync(client, "admin@portal.local", "Changed-Password-456!");
    }

    private static async Task<IList<string>> RolesOf(UserManager<PortalUser> users, string email)
    {
        var user = await users.FindByEmailAsync(email);
        Assert.NotNull(user);
        return await users.GetRolesAsync(user);
    }
}
