namespace Portal.Web.Notifications;

/// <summary>The answer of <c>POST /api/notifications/read-all</c>: how many notifications it marked read.</summary>
public sealed record MarkedRead(int Count);
