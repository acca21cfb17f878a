using Portal.Domain.Notifications;

namespace Portal.Data.Notifications;

/// <summary>One notification of one person (a role's notification is one row per member, expanded when it is sent).</summary>
public sealed class NotificationRecord
{
    public long Id { get; set; }

    /// <summary>The user name of the person it is for, as they sign in.</summary>
    public string Recipient { get; set; } = "";

    public NotificationKind Kind { get; set; }

    public string Title { get; set; } = "";

    public string Message { get; set; } = "";

    public string? Link { get; set; }

    /// <summary>The idempotency key (see <see cref="Notification.Key"/>): unique with the recipient and the kind.</summary>
    public string? Key { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ReadAt { get; set; }

    public InboxNotification ToInbox() => new(Id, Kind, Title, Message, Link, CreatedAt, ReadAt);
}
