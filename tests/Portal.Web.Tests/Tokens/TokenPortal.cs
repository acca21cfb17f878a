using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Identity;
using Portal.Data.Tokens;

namespace Portal.Web.Tests.Tokens;

/// <summary>
/// A class fixture: the portal on SQLite with a small per-token budget (25 calls an hour, so the rate-limit test
/// reaches it quickly and no other test's token comes near it), and the calls the token tests make.
/// </summary>
public sealed class TokenPortal : IAsyncDisposable
{
    public const int Budget = 25;

    public PortalAppFactory Factory { get; } = new(new Dictionary<string, string?>
    {
        ["Portal:Tokens:RequestsPerWindow"] = Budget.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Portal:Tokens:WindowSeconds"] = "3600",
    });

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>A browser signed in as <paramref name="email"/> (cookie).</summary>
    public async Task<HttpClient> SignedInAsync(string email)
    {
        var client = Factory.CreateBrowserLikeClient();
        await FormSignIn.SignInAsync(client, email);
        return client;
    }

    /// <summary>A script: no cookies, only <c>Authorization: Bearer <paramref name="token"/></c>.</summary>
    public HttpClient Bearer(string token)
    {
        var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Creates a user of its own for a test (so changing its roles or locking it disturbs no other test).</summary>
    public async Task<string> UserAsync(string email, params string[] roles)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true };
        Assert.True((await users.CreateAsync(user, PortalAppFactory.DemoPassword)).Succeeded, $"Could not create {email}.");
        if (roles.Length > 0)
        {
            Assert.True((await users.AddToRolesAsync(user, roles)).Succeeded);
        }

        return user.Id;
    }

    public async Task<string> UserIdAsync(string email)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        return (await users.FindByEmailAsync(email))!.Id;
    }

    /// <summary>Changes a user through Identity, as the admin pages do.</summary>
    public async Task WithUserAsync(string userId, Func<UserManager<PortalUser>, PortalUser, Task<IdentityResult>> change)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.FindByIdAsync(userId);
        Assert.NotNull(user);
        Assert.True((await change(users, user)).Succeeded);
    }

    /// <summary>Stores a token directly, with whatever times the test needs (an expired one, say).</summary>
    public async Task<CreatedAccessToken> IssueAsync(string userId, string name, DateTimeOffset createdAt, DateTimeOffset expiresAt)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AccessTokenStore>().AddAsync(userId, name, createdAt, expiresAt, Token);
    }

    /// <summary>A valid token for <paramref name="userId"/>, 30 days.</summary>
    public Task<CreatedAccessToken> IssueAsync(string userId, string name) =>
        IssueAsync(userId, name, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(30));

    /// <summary>Creates a token through the API with the signed-in <paramref name="browser"/>; returns the answer's JSON.</summary>
    public static async Task<JsonObject> CreateThroughApiAsync(HttpClient browser, string name, int days = 30)
    {
        using var response = await browser.PostAsJsonAsync("/api/tokens", new { name, expiresInDays = days }, Token);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created,
            $"Creating a token should answer 201; got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Token)}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>(Token))!;
    }

    public ValueTask DisposeAsync() => Factory.DisposeAsync();
}
