using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Portal.Data.Identity;
using Portal.Data.Notifications;
using Portal.Domain.Notifications;
using Portal.Domain.Security;

namespace Portal.Data.Tests.Notifications;

/// <summary>The notification store on real SQLite and PostgreSQL: roles expanded to people, each event once per person, read only by its recipient.</summary>
public sealed class NotificationStoreTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static NotificationStore Store(TestDatabase database, TimeProvider? clock = null, SmtpOptions? smtp = null) =>
        new(database.NewContext(), clock ?? new FakeTimeProvider(Start), Options.Create(smtp ?? new SmtpOptions()));

    /// <summary>alice and bob approve, carol requests.</summary>
    private static async Task AddPeopleAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        var roles = await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id, Token);
        foreach (var (name, role) in new[] { ("alice", PortalRoles.Approver), ("bob", PortalRoles.Approver), ("carol", PortalRoles.Requester) })
        {
            var user = new PortalUser
            {
                Id = $"u-{name}", UserName = $"{name}@portal.local", NormalizedUserName = $"{name}@portal.local".ToUpperInvariant(),
                Email = $"{name}@example.com", NormalizedEmail = $"{name}@example.com".ToUpperInvariant(), CreatedAt = Start,
            };
            db.Users.Add(user);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roles[role] });
        }

        await db.SaveChangesAsync(Token);
    }

    private static Notification Waiting(string requestId) =>
        Notification.ForRole(NotificationKind.WaitingForYou, PortalRoles.Approver, "Approval waiting", "web-01 waits for you.", $"/approvals") with { Key = requestId };

    private static async Task<List<NotificationRecord>> RowsAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        return await db.Notifications.AsNoTracking().OrderBy(n => n.Id).ToListAsync(Token);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSql")]
    public async Task A_role_notification_reaches_each_member_once_however_often_it_is_sent(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        await AddPeopleAsync(database);

        var first = await Store(database).AddAsync(Waiting("r-1"), Token);
        var again = await Store(database).AddAsync(Waiting("r-1"), Token);
        var other = await Store(database).AddAsync(Waiting("r-2"), Token);

        Assert.Equal(["alice@portal.local", "bob@portal.local"], first.Order());
        Assert.Empty(again);
        Assert.Equal(2, other.Count);
        var rows = await RowsAsync(database);
        Assert.Equal(4, rows.Count);
        Assert.DoesNotContain(rows, r => r.Recipient == "carol@portal.local");
    }

    [Fact]
    public async Task The_same_event_sent_from_two_nodes_at_once_is_recorded_once_per_person_on_PostgreSQL()
    {
        await using var database = await TestDatabase.CreateAsync("PostgreSql", Token);
        await AddPeopleAsync(database);

        var runs = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Store(database).AddAsync(Waiting("r-1"), Token), Token)));

        var rows = await RowsAsync(database);
        Assert.Equal(["alice@portal.local", "bob@portal.local"], rows.Select(r => r.Recipient).Order());
        Assert.Equal(2, runs.Sum(r => r.Count));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSql")]
    public async Task Unread_come_first_then_newest_and_only_the_recipient_can_mark_one_read(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        await AddPeopleAsync(database);
        var clock = new FakeTimeProvider(Start);
        for (var i = 0; i < 5; i++)
        {
            await Store(database, clock).AddAsync(new Notification(NotificationKind.RequestSubmitted, "carol@portal.local", $"n-{i}", "Recorded."), Token);
            clock.Advance(TimeSpan.FromMinutes(1));
        }

        var rows = await RowsAsync(database);
        var oldest = rows[0].Id;
        Assert.True(await Store(database, clock).MarkReadAsync("carol@portal.local", rows[3].Id, Token));
        Assert.False(await Store(database, clock).MarkReadAsync("alice@portal.local", oldest, Token), "someone else's notification is not found");
        var page1 = await Store(database, clock).ListAsync("carol@portal.local", 1, 3, Token);
        var page2 = await Store(database, clock).ListAsync("carol@portal.local", 2, 3, Token);

        Assert.Equal(["n-4", "n-2", "n-1"], page1.Items.Select(n => n.Title));
        Assert.Equal(["n-0", "n-3"], page2.Items.Select(n => n.Title));
        Assert.Equal((5, 4), (page1.TotalCount, page1.UnreadCount));
        Assert.Null((await RowsAsync(database))[0].ReadAt);
        Assert.Equal(3, await Store(database, clock).MarkAllReadAsync("carol@portal.local", rows[3].Id, Token));
        Assert.Equal(1, await Store(database, clock).UnreadCountAsync("carol@portal.local", Token));
        Assert.Equal(1, await Store(database, clock).MarkAllReadAsync("carol@portal.local", long.MaxValue, Token));
        Assert.Empty((await Store(database, clock).ListAsync("alice@portal.local", 1, 10, Token)).Items);
    }

    [Fact]
    public async Task An_outbox_message_is_written_with_each_notification_only_when_smtp_is_configured()
    {
        await using var database = await TestDatabase.CreateAsync("Sqlite", Token);
        await AddPeopleAsync(database);
        var smtp = new SmtpOptions { Host = "mail.example.com", From = "portal@example.com", PortalUrl = new Uri("https://portal.example.com/") };

        await Store(database).AddAsync(new Notification(NotificationKind.RequestApproved, "carol@portal.local", "Approved", "web-01 was approved.", "/requests/r-1"), Token);
        await Store(database, smtp: smtp).AddAsync(new Notification(NotificationKind.RequestCompleted, "carol@portal.local", "Running", "web-01 runs.", "/requests/r-1"), Token);

        await using var db = database.NewContext();
        var mail = await db.MailOutbox.AsNoTracking().Include(m => m.Notification).SingleAsync(Token);
        Assert.Equal("carol@example.com", mail.ToAddress);
        Assert.Equal("Running", mail.Subject);
        Assert.Equal(NotificationKind.RequestCompleted, mail.Notification!.Kind);
        Assert.Contains("https://portal.example.com/requests/r-1", mail.Body, StringComparison.Ordinal);
        Assert.Equal(Start, mail.NextAttemptAt);
    }

    [Fact]
    public async Task The_notifier_signals_open_bells_of_the_people_it_notified_after_the_rows_are_written()
    {
        await using var database = await TestDatabase.CreateAsync("Sqlite", Token);
        await AddPeopleAsync(database);
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(new FakeTimeProvider(Start))
            .AddSingleton(Options.Create(new SmtpOptions()))
            .AddScoped(_ => database.NewContext())
            .AddScoped<NotificationStore>()
            .BuildServiceProvider();
        var hub = new NotificationHub();
        var notifier = new EfNotifier(services.GetRequiredService<IServiceScopeFactory>(), hub, NullLogger<EfNotifier>.Instance);
        var seen = new List<int>();
        using (hub.Subscribe("ALICE@portal.local", () => seen.Add(Store(database).UnreadCountAsync("alice@portal.local", CancellationToken.None).GetAwaiter().GetResult())))
        using (hub.Subscribe("carol@portal.local", () => seen.Add(-1)))
        {
            await notifier.NotifyAsync(Waiting("r-1"), Token);
            await notifier.NotifyAsync(Waiting("r-1"), Token);
        }

        var afterDispose = hub.SubscriberCount("alice@portal.local");
        await notifier.NotifyAsync(Waiting("r-2"), Token);

        Assert.Equal([1], seen);
        Assert.Equal(0, afterDispose);
    }
}
