namespace Portal.Data.Notifications;

/// <summary>One page of a person's notifications (unread first, newest first), with how many there are and how many are unread.</summary>
public sealed record InboxPage(IReadOnlyList<InboxNotification> Items, int Page, int PageSize, int TotalCount, int UnreadCount);
