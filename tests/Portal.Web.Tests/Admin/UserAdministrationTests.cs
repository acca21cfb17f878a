using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Identity;
using Portal.Domain.Security;
using Portal.Web.Admin.Users;

namespace Portal.Web.Tests.Admin;

public sealed class UserAdministrationTests : IAsyncLifetime
{
    private readonly PortalAppFactory factory = new();
    private UserAdministration admin = null!;
    private string adminId = "";

    public async ValueTask InitializeAsync()
    {
        factory.StartServer();
        admin = factory.Services.GetRequiredService<UserAdministration>();
        adminId = (await FindAsync("admin@portal.local"))!.Id;
    }

    public ValueTask DisposeAsync() => factory.DisposeAsync();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Listing_pages_searches_and_sorts_on_the_server()
    {
        var page = await admin.ListAsync(new UserQuery("APPROVER", null, false, 0, 10), Token);

        var row = Assert.Single(page.Items);
        Assert.Equal(1, page.TotalCount);
        Assert.Equal("approver@portal.local", row.Email);
        Assert.Equal([PortalRoles.Approver, PortalRoles.Requester], row.Roles);

        var sorted = await admin.ListAsync(new UserQuery(null, nameof(UserSummary.Email), true, 0, 2), Token);
        Assert.Equal(3, sorted.TotalCount);
        Assert.Equal(["requester@portal.local", "approver@portal.local"], sorted.Items.Select(u => u.Email));
    }

    [Fact]
    public async Task Creating_a_user_with_roles_lets_them_sign_in()
    {
        var result = await admin.CreateAsync(
            new NewUser { Email = "dana@example.com", DisplayName = "Dana", Password = "Dana-Password-1!", Roles = [PortalRoles.Approver] }, Token);

        Assert.True(result.Succeeded, string.Join(" ", result.Errors.SelectMany(e => e.Value)));
        using var client = factory.CreateBrowserLikeClient();
        await FormSignIn.SignInAsync(client, "dana@example.com", "Dana-Password-1!");
    }

    [Fact]
    public async Task A_duplicate_email_is_reported_on_the_email_field()
    {
        var result = await admin.CreateAsync(new NewUser { Email = "requester@portal.local", Password = "Another-Password-1!" }, Token);

        Assert.False(result.Succeeded);
        Assert.Contains("already exists", Assert.Contains(nameof(NewUser.Email), result.Errors).Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_weak_password_is_reported_on_the_password_field_and_creates_nobody()
    {
        var result = await admin.CreateAsync(new NewUser { Email = "weak@example.com", Password = "weak" }, Token);

        Assert.NotEmpty(Assert.Contains(nameof(NewUser.Password), result.Errors));
        Assert.Null(await FindAsync("weak@example.com"));
    }

    [Fact]
    public async Task Roles_are_granted_and_removed()
    {
        var requester = (await FindAsync("requester@portal.local"))!;

        Assert.True((await admin.SetRoleAsync(requester.Id, PortalRoles.Approver, true, adminId, Token)).Succeeded);
        Assert.Contains(PortalRoles.Approver, await RolesAsync("requester@portal.local"));

        Assert.True((await admin.SetRoleAsync(requester.Id, PortalRoles.Approver, false, adminId, Token)).Succeeded);
        Assert.DoesNotContain(PortalRoles.Approver, await RolesAsync("requester@portal.local"));
    }

    [Fact]
    public async Task An_admin_cannot_remove_their_own_admin_role_or_lock_themselves_out()
    {
        Assert.False((await admin.SetRoleAsync(adminId, PortalRoles.Admin, false, adminId, Token)).Succeeded);
        Assert.False((await admin.SetLockedAsync(adminId, true, adminId, Token)).Succeeded);
        Assert.Contains(PortalRoles.Admin, await RolesAsync("admin@portal.local"));
    }

    [Fact]
    public async Task A_locked_user_cannot_sign_in_until_unlocked()
    {
        var approver = (await FindAsync("approver@portal.local"))!;
        Assert.True((await admin.SetLockedAsync(approver.Id, true, adminId, Token)).Succeeded);

        using var client = factory.CreateBrowserLikeClient();
        using var refused = await FormSignIn.PostAsync(client, "approver@portal.local", PortalAppFactory.DemoPassword);
        Assert.Equal(System.Net.HttpStatusCode.OK, refused.StatusCode); // the usual "not right" form: a lock is not disclosed
        Assert.True((await admin.ListAsync(new UserQuery("approver", null, false, 0, 10), Token)).Items.Single().IsLocked);

        Assert.True((await admin.SetLockedAsync(approver.Id, false, adminId, Token)).Succeeded);
        await FormSignIn.SignInAsync(client, "approver@portal.local");
    }

    private async Task<PortalUser?> FindAsync(string email)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(email);
    }

    private async Task<IList<string>> RolesAsync(string email)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        return await users.GetRolesAsync((await users.FindByEmailAsync(email))!);
    }
}
