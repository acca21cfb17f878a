using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Domain.Audit;
using Portal.Domain.Security;

namespace Portal.Web.Tests.Tokens;

/// <summary>
/// Personal access tokens on the real pipeline and database: created once through the API, they authenticate API calls
/// as their owner with the owner's roles of the moment; revoked, expired, unknown or wrong ones get the same 401; they
/// pass the cross-site check the cookie is held to, are limited per token, are stored hashed, and every creation and
/// revocation is audited once.
/// </summary>
public sealed partial class AccessTokenTests(TokenPortal portal) : IClassFixture<TokenPortal>
{
    private const string ForeignOrigin = "https://evil.example";

    // "ptk_", the 24-character id, "_": the secret (base64url, which may itself hold '_') is the rest.
    private const int SecretStart = 4 + 24 + 1;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string SecretOf(string token) => token[SecretStart..];

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, Token);
        return response.StatusCode;
    }

    private static async Task<HttpResponseMessage> PreviewAsync(HttpClient client, string? origin = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/requests/preview") { Content = JsonContent.Create(new { }) };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
            request.Headers.Add("Sec-Fetch-Site", "cross-site");
        }

        return await client.SendAsync(request, Token);
    }

    [Fact]
    public async Task A_token_created_through_the_api_is_returned_once_and_calls_the_api_with_its_owners_roles()
    {
        using var admin = await portal.SignedInAsync("admin@portal.local");
        var created = await TokenPortal.CreateThroughApiAsync(admin, "nightly inventory sync", days: 7);
        var token = (string)created["token"]!;
        var id = (string)created["details"]!["id"]!;
        Assert.StartsWith($"ptk_{id}_", token);
        Assert.Equal(7, ((DateTimeOffset)created["details"]!["expiresAt"]! - (DateTimeOffset)created["details"]!["createdAt"]!).TotalDays, 3);

        var listed = await admin.GetStringAsync("/api/tokens", Token);
        Assert.Contains(id, listed);
        Assert.DoesNotContain(token, listed);
        Assert.DoesNotContain(SecretOf(token), listed);

        using var script = portal.Bearer(token);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(script, "/api/inventory/servers"));

        var requesterToken = (await portal.IssueAsync(await portal.UserIdAsync("requester@portal.local"), "requester script")).Token;
        using var requester = portal.Bearer(requesterToken);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(requester, "/api/requests"));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(requester, "/api/inventory/servers"));
    }

    [Fact]
    public async Task A_role_taken_from_the_owner_is_gone_for_the_token_on_its_next_call()
    {
        var userId = await portal.UserAsync("tokens-role@portal.local", PortalRoles.Requester);
        using var script = portal.Bearer((await portal.IssueAsync(userId, "ci")).Token);
        using (var allowed = await PreviewAsync(script))
        {
            Assert.Equal(HttpStatusCode.BadRequest, allowed.StatusCode); // authorized; the empty request is what is refused
        }

        await portal.WithUserAsync(userId, (users, user) => users.RemoveFromRoleAsync(user, PortalRoles.Requester));

        using var refused = await PreviewAsync(script);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task A_locked_accounts_tokens_get_401_and_a_deleted_accounts_tokens_are_gone()
    {
        var userId = await portal.UserAsync("tokens-lock@portal.local", PortalRoles.Requester);
        using var script = portal.Bearer((await portal.IssueAsync(userId, "ci")).Token);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(script, "/api/requests"));

        await portal.WithUserAsync(userId, (users, user) => users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddDays(1)));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(script, "/api/requests"));

        await portal.WithUserAsync(userId, (users, user) => users.SetLockoutEndDateAsync(user, null));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(script, "/api/requests"));

        await portal.WithUserAsync(userId, (users, user) => users.DeleteAsync(user));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(script, "/api/requests"));
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        Assert.False(await db.AccessTokens.AnyAsync(t => t.UserId == userId, Token), "A deleted account's tokens are deleted with it.");
    }

    [Fact]
    public async Task A_revoked_token_gets_401_from_its_next_call()
    {
        var userId = await portal.UserAsync("tokens-revoke@portal.local", PortalRoles.Requester);
        var issued = await portal.IssueAsync(userId, "to revoke");
        using var script = portal.Bearer(issued.Token);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(script, "/api/requests"));

        // A script may revoke the token it holds.
        using (var revoked = await script.DeleteAsync($"/api/tokens/{issued.Summary.Id}", Token))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(script, "/api/requests"));
    }

    [Fact]
    public async Task An_expired_token_gets_401()
    {
        var userId = await portal.UserAsync("tokens-expired@portal.local", PortalRoles.Requester);
        var now = DateTimeOffset.UtcNow;
        var expired = await portal.IssueAsync(userId, "expired", now.AddDays(-31), now.AddSeconds(-1));
        var valid = await portal.IssueAsync(userId, "valid", now.AddDays(-31), now.AddMinutes(5));

        using var old = portal.Bearer(expired.Token);
        using var current = portal.Bearer(valid.Token);
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(old, "/api/requests"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(current, "/api/requests"));
    }

    [Fact]
    public async Task Unknown_wrong_malformed_expired_and_revoked_tokens_all_get_the_same_401()
    {
        var userId = await portal.UserAsync("tokens-same@portal.local", PortalRoles.Requester);
        var known = await portal.IssueAsync(userId, "known");
        var now = DateTimeOffset.UtcNow;
        var expired = await portal.IssueAsync(userId, "expired", now.AddDays(-2), now.AddDays(-1));
        var revoked = await portal.IssueAsync(userId, "revoked");
        using (var admin = await portal.SignedInAsync("admin@portal.local"))
        using (var gone = await admin.DeleteAsync($"/api/tokens/{revoked.Summary.Id}", Token))
        {
            Assert.Equal(HttpStatusCode.NoContent, gone.StatusCode); // an admin may revoke anyone's token
        }

        var secretStart = SecretStart;
        var wrongSecret = known.Token[..secretStart] + new string('A', known.Token.Length - secretStart);
        var unknownId = "ptk_" + new string('0', 24) + known.Token[(secretStart - 1)..];
        var answers = new List<string>();
        foreach (var presented in new[] { unknownId, wrongSecret, "not-a-token", expired.Token, revoked.Token })
        {
            using var script = portal.Bearer(presented);
            using var response = await script.GetAsync("/api/requests", Token);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            // The trace id differs per request by design; everything else must not.
            var body = TraceId().Replace(await response.Content.ReadAsStringAsync(Token), "");
            answers.Add($"{response.Headers.WwwAuthenticate} | {response.Content.Headers.ContentType} | {body}");
        }

        Assert.True(answers.Distinct().Count() == 1, "Every refused token gets the same answer:\n" + string.Join("\n", answers));
        Assert.StartsWith("Bearer", answers[0]);
    }

    [Fact]
    public async Task A_bearer_post_from_a_foreign_origin_is_not_refused_as_cross_site_while_the_cookie_is()
    {
        var userId = await portal.UserAsync("tokens-csrf@portal.local", PortalRoles.Requester);
        using var script = portal.Bearer((await portal.IssueAsync(userId, "ci")).Token);
        using var withToken = await PreviewAsync(script, ForeignOrigin);
        Assert.Equal(HttpStatusCode.BadRequest, withToken.StatusCode); // reached the endpoint, which refuses the empty request

        using var browser = await portal.SignedInAsync("requester@portal.local");
        using var withCookie = await PreviewAsync(browser, ForeignOrigin);
        Assert.Equal(HttpStatusCode.Forbidden, withCookie.StatusCode);
    }

    [Fact]
    public async Task A_token_cannot_create_tokens_even_beside_a_session_cookie()
    {
        var userId = await portal.UserAsync("tokens-create@portal.local", PortalRoles.Requester);
        var token = (await portal.IssueAsync(userId, "ci")).Token;
        using var script = portal.Bearer(token);
        using (var response = await script.PostAsJsonAsync("/api/tokens", new { name = "more", expiresInDays = 7 }, Token))
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        using var browser = await portal.SignedInAsync("requester@portal.local");
        using var both = new HttpRequestMessage(HttpMethod.Post, "/api/tokens") { Content = JsonContent.Create(new { name = "more", expiresInDays = 7 }) };
        both.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using (var response = await browser.SendAsync(both, Token))
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        await using var scope = portal.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        Assert.False(await db.AccessTokens.AnyAsync(t => t.Name == "more", Token), "No token was created.");
    }

    [Fact]
    public async Task Pages_do_not_take_a_token()
    {
        using var script = portal.Bearer((await portal.IssueAsync(await portal.UserIdAsync("admin@portal.local"), "pages")).Token);
        using var response = await script.GetAsync("/admin/users", Token);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task A_token_over_its_budget_gets_429_with_retry_after_and_another_token_is_not_affected()
    {
        var userId = await portal.UserAsync("tokens-limit@portal.local", PortalRoles.Requester);
        using var busy = portal.Bearer((await portal.IssueAsync(userId, "busy")).Token);
        using var other = portal.Bearer((await portal.IssueAsync(userId, "other")).Token);
        for (var call = 1; call <= TokenPortal.Budget; call++)
        {
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(busy, "/api/tokens"));
        }

        using var refused = await busy.GetAsync("/api/tokens", Token);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta is { TotalSeconds: > 0 and <= 3600 }, $"Retry-After: {refused.Headers.RetryAfter}");
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(other, "/api/tokens"));
    }

    [Fact]
    public async Task The_database_keeps_the_sha256_of_the_secret_and_never_the_token()
    {
        using var browser = await portal.SignedInAsync("approver@portal.local");
        var created = await TokenPortal.CreateThroughApiAsync(browser, "hashed at rest");
        var token = (string)created["token"]!;
        var id = (string)created["details"]!["id"]!;
        var secret = SecretOf(token);

        await using (var scope = portal.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var row = await db.AccessTokens.AsNoTracking().SingleAsync(t => t.Id == id, Token);
            Assert.Equal(SHA256.HashData(Encoding.ASCII.GetBytes(secret)), row.SecretHash);
        }

        // Nowhere in the database files (tables, indexes, the write-ahead log) is the secret written.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var needle = Encoding.UTF8.GetBytes(secret);
        foreach (var file in Directory.EnumerateFiles(portal.Factory.DataDirectory, "*", SearchOption.AllDirectories))
        {
            byte[] bytes;
            await using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            {
                bytes = new byte[stream.Length];
                await stream.ReadExactlyAsync(bytes, Token);
            }

            Assert.True(bytes.AsSpan().IndexOf(needle) < 0, $"The token's secret is written in {Path.GetFileName(file)}.");
        }
    }

    [Fact]
    public async Task Creating_and_revoking_record_one_audit_entry_each_naming_the_owner_and_never_the_secret()
    {
        using var browser = await portal.SignedInAsync("requester@portal.local");
        var created = await TokenPortal.CreateThroughApiAsync(browser, "audited");
        var token = (string)created["token"]!;
        var id = (string)created["details"]!["id"]!;
        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var revoked = await browser.DeleteAsync($"/api/tokens/{id}", Token);
            Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        }

        await using var scope = portal.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var records = await db.AuditEvents.AsNoTracking().Where(e => e.TargetId == id).ToListAsync(Token);
        Assert.Single(records, r => r.Action == AuditAction.TokenCreated);
        Assert.Single(records, r => r.Action == AuditAction.TokenRevoked);
        Assert.Equal(2, records.Count);
        Assert.All(records, r =>
        {
            Assert.Equal("requester@portal.local", r.ActorName);
            Assert.Equal("audited", r.TargetName);
            Assert.DoesNotContain(SecretOf(token), r.Detail ?? "");
        });
    }

    [Fact]
    public async Task Another_users_token_is_not_found_for_a_non_admin()
    {
        var issued = await portal.IssueAsync(await portal.UserAsync("tokens-owner@portal.local", PortalRoles.Requester), "mine");
        using var stranger = await portal.SignedInAsync("requester@portal.local");
        using var response = await stranger.DeleteAsync($"/api/tokens/{issued.Summary.Id}", Token);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var script = portal.Bearer(issued.Token);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(script, "/api/requests"));
    }

    [Theory]
    [InlineData("", 30, "name")]
    [InlineData("ok", 0, "expiresInDays")]
    [InlineData("ok", 366, "expiresInDays")]
    public async Task A_token_needs_a_name_and_an_expiry_of_1_to_365_days(string name, int days, string field)
    {
        using var browser = await portal.SignedInAsync("requester@portal.local");
        using var response = await browser.PostAsJsonAsync("/api/tokens", new { name, expiresInDays = days }, Token);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>(Token);
        Assert.NotNull(problem?["errors"]?[field]);
    }

    [System.Text.RegularExpressions.GeneratedRegex("\"traceId\":\"[^\"]*\"")]
    private static partial System.Text.RegularExpressions.Regex TraceId();
}
