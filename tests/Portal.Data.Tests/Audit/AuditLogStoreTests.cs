using System.Data.Common;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Portal.Data.Audit;
using Portal.Domain.Audit;

namespace Portal.Data.Tests.Audit;

/// <summary>The audit log on real SQLite and PostgreSQL databases: append-only, recorded with its action, read newest first in pages.</summary>
public sealed class AuditLogStoreTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static AuditEntry Entry(string name, AuditAction action = AuditAction.InventoryChanged) =>
        new(action, AuditTarget.Server(Guid.NewGuid(), name), "Server edited.");

    /// <summary>30 records an hour apart: even ones by Alice submitting, odd ones by Bob changing inventory; target names "n-0".."n-29".</summary>
    private static async Task WriteThirtyAsync(TestDatabase database)
    {
        var clock = new FakeTimeProvider(Start);
        var who = new FixedAuditContext();
        var log = new EfAuditLog(database.NewContext(), who, clock);
        for (var i = 0; i < 30; i++)
        {
            who.Current = i % 2 == 0
                ? new AuditActor("u-alice", "alice@portal.local", "Alice Admin", "192.0.2.10", null)
                : new AuditActor("u-bob", "bob@portal.local", "Bob Builder", "192.0.2.11", null);
            await log.RecordAsync(Entry($"n-{i}", i % 2 == 0 ? AuditAction.RequestSubmitted : AuditAction.InventoryChanged), Token);
            clock.Advance(TimeSpan.FromHours(1));
        }
    }

    private static List<string> Names(AuditPage page) => page.Items.Select(e => e.Target.Name).ToList();

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSql")]
    public async Task Pages_come_newest_first_without_overlap_and_count_every_match(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        await WriteThirtyAsync(database);
        var reader = new AuditReader(database.NewContext());

        var pages = new List<AuditPage>();
        for (var page = 1; page <= 4; page++)
        {
            pages.Add(await reader.QueryAsync(new AuditQuery { Page = page, PageSize = 8 }, Token));
        }

        Assert.All(pages, p => Assert.Equal(30, p.TotalCount));
        Assert.Equal([8, 8, 8, 6], pages.Select(p => p.Items.Count));
        Assert.Equal(Enumerable.Range(0, 30).Reverse().Select(i => $"n-{i}"), pages.SelectMany(Names));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSql")]
    public async Task Action_actor_and_period_filters_apply_together(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        await WriteThirtyAsync(database);
        var reader = new AuditReader(database.NewContext());

        var submitted = await reader.QueryAsync(new AuditQuery { Action = AuditAction.RequestSubmitted, PageSize = 100 }, Token);
        var bobByName = await reader.QueryAsync(new AuditQuery { Actor = "BOB@portal", PageSize = 100 }, Token);
        var bobByDisplayName = await reader.QueryAsync(new AuditQuery { Actor = "builder", PageSize = 100 }, Token);
        var aliceById = await reader.QueryAsync(new AuditQuery { Actor = "u-alice", PageSize = 100 }, Token);
        var window = await reader.QueryAsync(new AuditQuery { From = Start.AddHours(5), To = Start.AddHours(10), PageSize = 100 }, Token);
        var combined = await reader.QueryAsync(
            new AuditQuery { From = Start.AddHours(5), To = Start.AddHours(10), Actor = "alice", Action = AuditAction.RequestSubmitted, PageSize = 100 }, Token);

        Assert.Equal(15, submitted.TotalCount);
        Assert.All(submitted.Items, e => Assert.Equal(AuditAction.RequestSubmitted, e.Action));
        Assert.Equal(15, bobByName.TotalCount);
        Assert.All(bobByName.Items, e => Assert.Equal("bob@portal.local", e.Actor.Name));
        Assert.Equal(15, bobByDisplayName.TotalCount);
        Assert.Equal(15, aliceById.TotalCount);
        Assert.Equal(["n-9", "n-8", "n-7", "n-6", "n-5"], Names(window));
        Assert.Equal(["n-8", "n-6"], Names(combined));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSql")]
    public async Task The_database_refuses_to_update_or_delete_an_audit_record(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        await new EfAuditLog(database.NewContext(), new FixedAuditContext(), TimeProvider.System).RecordAsync(Entry("r640-01"), Token);
        await using var db = database.NewContext();

        await Assert.ThrowsAnyAsync<DbException>(() =>
            db.AuditEvents.ExecuteUpdateAsync(set => set.SetProperty(e => e.Detail, "Nothing happened."), Token));
        await Assert.ThrowsAnyAsync<DbException>(() => db.AuditEvents.ExecuteDeleteAsync(Token));
        await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditEvents\"", Token));
        if (provider == "PostgreSql")
        {
            await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlRawAsync("TRUNCATE \"AuditEvents\"", Token));
        }

        var left = await db.AuditEvents.AsNoTracking().SingleAsync(Token);
        Assert.Equal("Server edited.", left.Detail);
    }

    [Fact]
    public async Task Saving_a_changed_or_removed_audit_record_is_refused_before_anything_is_written()
    {
        await using var database = await TestDatabase.CreateAsync("Sqlite", Token);
        await new EfAuditLog(database.NewContext(), new FixedAuditContext(), TimeProvider.System).RecordAsync(Entry("r640-01"), Token);
        await using var db = database.NewContext();
        var record = await db.AuditEvents.SingleAsync(Token);

        record.Detail = "Rewritten.";
        var changed = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync(Token));
        db.Entry(record).State = EntityState.Deleted;
        var deleted = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync(Token));

        Assert.Contains("append-only", changed.Message, StringComparison.Ordinal);
        Assert.Contains("append-only", deleted.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSql")]
    public async Task An_entry_recorded_with_an_action_is_written_by_the_actions_own_SaveChanges(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        await using var db = database.NewContext();
        var saves = 0;
        db.SavedChanges += (_, _) => saves++;
        var log = new EfAuditLog(db, new FixedAuditContext(), TimeProvider.System);

        var written = await log.RecordWithAsync(Entry("r640-01"), async () =>
        {
            db.Add(new DataProtectionKey { FriendlyName = "k1", Xml = "<key/>" });
            return await db.SaveChangesAsync(Token);
        }, _ => true, Token);

        Assert.Equal(2, written);
        Assert.Equal(1, saves);
        Assert.Equal(1, await db.AuditEvents.CountAsync(Token));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSql")]
    public async Task A_refused_action_records_nothing_and_a_set_based_one_is_recorded_after_it(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        await using var db = database.NewContext();
        var log = new EfAuditLog(db, new FixedAuditContext(), TimeProvider.System);

        var refused = await log.RecordWithAsync(Entry("refused-01"), () => Task.FromResult(false), done => done, Token);
        db.Add(new DataProtectionKey { FriendlyName = "later", Xml = "<key/>" });
        await db.SaveChangesAsync(Token);
        var setBased = await log.RecordWithAsync(Entry("set-based-01"),
            () => db.Set<DataProtectionKey>().Where(k => k.FriendlyName == "later").ExecuteDeleteAsync(Token), deleted => deleted == 1, Token);

        Assert.False(refused);
        Assert.Equal(1, setBased);
        Assert.Equal(["set-based-01"], await db.AuditEvents.AsNoTracking().Select(e => e.TargetName).ToListAsync(Token));
    }

    [Fact]
    public async Task Long_texts_are_clipped_to_the_stored_lengths_instead_of_failing_the_action()
    {
        await using var database = await TestDatabase.CreateAsync("PostgreSql", Token);
        var who = new FixedAuditContext { Current = new AuditActor("u-1", new string('a', 600), null, "192.0.2.1", new string('m', 2000)) };
        await new EfAuditLog(database.NewContext(), who, TimeProvider.System)
            .RecordAsync(new AuditEntry(AuditAction.PlatformChanged, AuditTarget.Platform(Guid.NewGuid(), new string('p', 900)), new string('d', 5000)), Token);

        var stored = (await new AuditReader(database.NewContext()).QueryAsync(new AuditQuery(), Token)).Items.Single();
        Assert.Equal((AuditEvent.NameLength, AuditEvent.UserAgentLength, AuditEvent.NameLength, AuditEvent.DetailLength),
            (stored.Actor.Name.Length, stored.Actor.UserAgent!.Length, stored.Target.Name.Length, stored.Detail!.Length));
    }
}
