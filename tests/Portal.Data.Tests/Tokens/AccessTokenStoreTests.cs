using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Portal.Data.Audit;
using Portal.Data.Identity;
using Portal.Data.Tokens;
using Portal.Data.Tests.Audit;
using Portal.Domain.Audit;
using Portal.Domain.Tokens;

namespace Portal.Data.Tests.Tokens;

/// <summary>
/// The token store on real SQLite and PostgreSQL databases, under a controlled clock: a token is valid until the moment
/// it expires, a wrong secret or a revoked token finds nobody, and two revocations at once record one audit entry.
/// </summary>
public sealed class AccessTokenStoreTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<string> UserAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        var user = new PortalUser
        {
            UserName = "riya@portal.local", NormalizedUserName = "RIYA@PORTAL.LOCAL",
            Email = "riya@portal.local", NormalizedEmail = "RIYA@PORTAL.LOCAL", SecurityStamp = Guid.NewGuid().ToString(),
        };
        db.Users.Add(user);
        await db.SaveChangesAsync(Token);
        return user.Id;
    }

    /// <summary>The store and the real audit log on one context of their own, as a request's scope has them.</summary>
    private static AccessTokenStore Store(TestDatabase database, TimeProvider clock)
    {
        var db = database.NewContext();
        return new AccessTokenStore(db, new EfAuditLog(db, new FixedAuditContext(), clock), clock);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSql")]
    public async Task A_token_is_valid_until_the_moment_it_expires(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        var userId = await UserAsync(database);
        var clock = new FakeTimeProvider(Start);
        var created = (await Store(database, clock).CreateAsync(userId, "ci", 7, Token)).Value;
        var presented = AccessTokenSecret.Parse(created.Token)!;

        clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1));
        Assert.Equal(userId, (await Store(database, clock).FindValidAsync(presented, Token))?.UserId);

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await Store(database, clock).FindValidAsync(presented, Token));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSql")]
    public async Task A_wrong_secret_or_a_revoked_token_finds_nobody(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        var userId = await UserAsync(database);
        var clock = new FakeTimeProvider(Start);
        var created = (await Store(database, clock).CreateAsync(userId, "ci", 30, Token)).Value;
        var wrong = AccessTokenSecret.Parse(created.Token[..^4] + (created.Token.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA"))!;

        Assert.Null(await Store(database, clock).FindValidAsync(wrong, Token));
        Assert.Equal(AccessTokenRevocation.Revoked, await Store(database, clock).RevokeAsync(created.Summary.Id, userId, Token));
        Assert.Null(await Store(database, clock).FindValidAsync(AccessTokenSecret.Parse(created.Token)!, Token));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSql")]
    public async Task Two_revocations_at_once_revoke_once_and_record_one_audit_entry(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        var userId = await UserAsync(database);
        var clock = new FakeTimeProvider(Start);
        var created = (await Store(database, clock).CreateAsync(userId, "ci", 30, Token)).Value;

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
            Task.Run(() => Store(database, clock).RevokeAsync(created.Summary.Id, userId, Token), Token)));

        Assert.Single(outcomes, o => o == AccessTokenRevocation.Revoked);
        Assert.Single(outcomes, o => o == AccessTokenRevocation.AlreadyRevoked);
        await using var db = database.NewContext();
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Action == AuditAction.TokenRevoked && e.TargetId == created.Summary.Id, Token));
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Action == AuditAction.TokenCreated && e.TargetId == created.Summary.Id, Token));
    }
}
