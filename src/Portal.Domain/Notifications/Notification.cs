namespace Portal.Domain.Notifications;

/// <summary>
/// One thing a person should hear about. <see cref="Recipient"/> is a user name (as the portal signs people in) or,
/// with <see cref="ToRole"/>, a role whose members each get it. <see cref="Link"/> is a portal-relative URL the bell
/// and the e-mail open. Title and message are plain text shown to the recipient: never a secret.
/// </summary>
public sealed record Notification(NotificationKind Kind, string Recipient, string Title, string Message, string? Link = null)
{
    public bool ToRole { get; init; }

    /// <summary>
    /// What the notification is about, once (e.g. the request id): a second notification of the same kind to the same
    /// person with the same key is dropped, so a workflow step that runs again does not notify twice. Null: every call
    /// notifies.
    /// </summary>
    public string? Key { get; init; }

    /// <summary>With <see cref="ToRole"/>: a member who does not get it (the requester, who may not decide their own request).</summary>
    public string? Except { get; init; }

    public static Notification ForRole(NotificationKind kind, string role, string title, string message, string? link = null) =>
        new(kind, role, title, message, link) { ToRole = true };
}
