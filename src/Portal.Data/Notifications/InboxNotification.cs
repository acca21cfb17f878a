using Portal.Domain.Notifications;

namespace Portal.Data.Notifications;

/// <summary>A notification as its recipient sees it in the bell and in <c>GET /api/notifications</c>.</summary>
public sealed record InboxNotification(
    long Id, NotificationKind Kind, string Title, string Message, string? Link, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt)
{
    public bool IsRead => ReadAt is not null;
}
