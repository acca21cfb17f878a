using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Domain.Notifications;

namespace Portal.Data.Notifications;

/// <summary>
/// Notifications on the portal database: written (a role expanded to its members, each event once per person, an
/// outbox row beside each when e-mail is on) and read by their recipient. Scoped, one context; the notifier gives it
/// a scope of its own so its SaveChanges never commits a caller's pending changes.
/// </summary>
public sealed class NotificationStore(PortalDbContext db, TimeProvider clock, IOptions<SmtpOptions> smtp)
{
    public const int MaxPageSize = 100;

    /// <summary>Records <paramref name="notification"/> for each person it is for; returns the user names that got a new one.</summary>
    public async Task<IReadOnlyList<string>> AddAsync(Notification notification, CancellationToken cancellationToken)
    {
        var recipients = await RecipientsAsync(notification, cancellationToken);
        if (notification.Key is { } key && recipients.Count > 0)
        {
            var names = recipients.Select(r => r.UserName).ToList();
            var already = await db.Set<NotificationRecord>().AsNoTracking()
                .Where(n => n.Kind == notification.Kind && n.Key == key && names.Contains(n.Recipient))
                .Select(n => n.Recipient).ToListAsync(cancellationToken);
            recipients = recipients.Where(r => !already.Contains(r.UserName, StringComparer.Ordinal)).ToList();
        }

        if (recipients.Count == 0)
        {
            return [];
        }

        var now = clock.GetUtcNow();
        foreach (var recipient in recipients)
        {
            Stage(notification, recipient, now);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return recipients.Select(r => r.UserName).ToList();
        }
        catch (DbUpdateException) when (notification.Key is not null)
        {
            // The same event from a step running twice at once: the unique index let one through per person. Each
            // person's row on its own now, so those the other run did not reach still get theirs.
            db.ChangeTracker.Clear();
            var added = new List<string>();
            foreach (var recipient in recipients)
            {
                Stage(notification, recipient, now);
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    added.Add(recipient.UserName);
                }
                catch (DbUpdateException)
                {
                    db.ChangeTracker.Clear();
                }
            }

            return added;
        }
    }

    /// <summary>A page of <paramref name="userName"/>'s notifications: unread first, then newest first.</summary>
    public async Task<InboxPage> ListAsync(string userName, int page, int pageSize, CancellationToken cancellationToken)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        var mine = Mine(userName);
        var total = await mine.CountAsync(cancellationToken);
        var unread = await mine.CountAsync(n => n.ReadAt == null, cancellationToken);
        var records = await mine
            .OrderBy(n => n.ReadAt == null ? 0 : 1).ThenByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new InboxPage(records.Select(r => r.ToInbox()).ToList(), page, pageSize, total, unread);
    }

    public Task<int> UnreadCountAsync(string userName, CancellationToken cancellationToken) =>
        Mine(userName).CountAsync(n => n.ReadAt == null, cancellationToken);

    /// <summary>Marks one of <paramref name="userName"/>'s notifications read; false when there is none with that id for them (someone else's is not found).</summary>
    public async Task<bool> MarkReadAsync(string userName, long id, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var changed = await db.Set<NotificationRecord>().Where(n => n.Id == id && n.Recipient == userName && n.ReadAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(n => n.ReadAt, now), cancellationToken);
        return changed > 0 || await Mine(userName).AnyAsync(n => n.Id == id, cancellationToken);
    }

    /// <summary>
    /// Marks <paramref name="userName"/>'s unread notifications up to id <paramref name="upTo"/> (the newest they were
    /// shown) read, so one that arrived after the list was drawn stays unread; returns how many.
    /// </summary>
    public async Task<int> MarkAllReadAsync(string userName, long upTo, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return await db.Set<NotificationRecord>().Where(n => n.Recipient == userName && n.ReadAt == null && n.Id <= upTo)
            .ExecuteUpdateAsync(set => set.SetProperty(n => n.ReadAt, now), cancellationToken);
    }

    private IQueryable<NotificationRecord> Mine(string userName) =>
        db.Set<NotificationRecord>().AsNoTracking().Where(n => n.Recipient == userName);

    private void Stage(Notification notification, Recipient recipient, DateTimeOffset now)
    {
        var record = new NotificationRecord
        {
            Recipient = recipient.UserName,
            Kind = notification.Kind,
            Title = Clip(notification.Title, NotificationRecordConfiguration.TitleLength),
            Message = Clip(notification.Message, NotificationRecordConfiguration.MessageLength),
            Link = notification.Link is null ? null : Clip(notification.Link, NotificationRecordConfiguration.LinkLength),
            Key = notification.Key is null ? null : Clip(notification.Key, NotificationRecordConfiguration.KeyLength),
            CreatedAt = now,
        };
        db.Set<NotificationRecord>().Add(record);

        var mail = smtp.Value;
        if (mail.Enabled && !string.IsNullOrWhiteSpace(recipient.Email))
        {
            var link = mail.AbsoluteLink(record.Link);
            db.Set<MailOutboxRecord>().Add(new MailOutboxRecord
            {
                Notification = record,
                ToAddress = recipient.Email,
                Subject = record.Title,
                Body = link is null ? record.Message : $"{record.Message}\n\n{link}",
                CreatedAt = now,
                NextAttemptAt = now,
            });
        }
    }

    /// <summary>The people a notification is for: the named user, or every member of the role (at this moment).</summary>
    private async Task<List<Recipient>> RecipientsAsync(Notification notification, CancellationToken cancellationToken)
    {
        var name = notification.Recipient.Trim();
        if (name.Length == 0)
        {
            return [];
        }

        var normalized = name.ToUpperInvariant();
        if (notification.ToRole)
        {
            var members = await (
                from role in db.Roles
                where role.NormalizedName == normalized
                join membership in db.UserRoles on role.Id equals membership.RoleId
                join user in db.Users on membership.UserId equals user.Id
                select new { user.UserName, user.Email }).AsNoTracking().ToListAsync(cancellationToken);
            return members
                .Where(m => m.UserName is not null && !string.Equals(m.UserName, notification.Except, StringComparison.OrdinalIgnoreCase))
                .Select(m => new Recipient(m.UserName!, m.Email)).DistinctBy(r => r.UserName).ToList();
        }

        var known = await db.Users.AsNoTracking().Where(u => u.NormalizedUserName == normalized)
            .Select(u => new { u.UserName, u.Email }).FirstOrDefaultAsync(cancellationToken);

        // Someone without an account yet (a request made through an external sign-in) still gets the bell entry,
        // under the name they sign in with; e-mail needs an address from an account.
        return [known?.UserName is { } userName ? new Recipient(userName, known.Email) : new Recipient(name, null)];
    }

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..max];

    private sealed record Recipient(string UserName, string? Email);
}
