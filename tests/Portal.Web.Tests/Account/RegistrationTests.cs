using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Identity;
using Portal.Domain.Security;

namespace Portal.Web.Tests.Account;

public sealed class RegistrationTests
{
    [Fact]
    public async Task Self_registration_is_off_by_default_and_a_post_creates_nobody()
    {
        await using var factory = new PortalAppFactory();
        using var client = factory.CreateBrowserLikeClient();

        var page = await client.GetStringAsync("/Account/Register", TestContext.Current.CancellationToken);
        Assert.Contains("Self-registration is turned off", page, StringComparison.Ordinal);
        var token = FormSignIn.AntiforgeryToken(await client.GetStringAsync("/Account/Login", TestContext.Current.CancellationToken));
        using var post = await PostRegistrationAsync(client, token, "new.person@example.com");

        Assert.NotEqual(HttpStatusCode.Redirect, post.StatusCode);
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync("new.person@example.com"));
    }

    [Fact]
    public async Task With_the_switch_on_a_visitor_registers_as_a_requester()
    {
        await using var factory = new PortalAppFactory(new Dictionary<string, string?> { ["Portal:Accounts:AllowSelfRegistration"] = "true" });
        using var client = factory.CreateBrowserLikeClient();

        var page = await client.GetStringAsync("/Account/Register", TestContext.Current.CancellationToken);
        using var post = await PostRegistrationAsync(client, FormSignIn.AntiforgeryToken(page), "new.person@example.com");

        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.FindByEmailAsync("new.person@example.com");
        Assert.NotNull(user);
        Assert.Equal([PortalRoles.Requester], await users.GetRolesAsync(user));
    }

    [Fact]
    public async Task A_weak_password_is_refused_with_the_rule_that_failed()
    {
        await using var factory = new PortalAppFactory(new Dictionary<string, string?> { ["Portal:Accounts:AllowSelfRegistration"] = "true" });
        using var client = factory.CreateBrowserLikeClient();

        var page = await client.GetStringAsync("/Account/Register", TestContext.Current.CancellationToken);
        using var post = await PostRegistrationAsync(client, FormSignIn.AntiforgeryToken(page), "weak@example.com", "short");

        var html = await post.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Matches(new Regex("Passwords must be at least 10 characters"), html);
    }

    private static Task<HttpResponseMessage> PostRegistrationAsync(HttpClient client, string token, string email, string password = "Fresh-Password-789!") =>
        client.PostAsync("/Account/Register", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "register",
            ["__RequestVerificationToken"] = token,
            ["Input.DisplayName"] = "New Person",
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
        }));
}
