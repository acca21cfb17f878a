namespace Portal.Data.Notifications;

/// <summary>
/// An e-mail waiting to be sent (or sent): written with its notification, in the same SaveChanges, when SMTP is
/// configured; a background service sends it, so no workflow step ever waits for a mail server.
/// </summary>
public sealed class MailOutboxRecord
{
    public long Id { get; set; }

    public long NotificationId { get; set; }

    public NotificationRecord? Notification { get; set; }

    public string ToAddress { get; set; } = "";

    public string Subject { get; set; } = "";

    public string Body { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>How many times sending was tried and failed.</summary>
    public int Attempts { get; set; }

    /// <summary>Not before this time (backoff after a failure); null once sent or given up.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    /// <summary>The last failure, without credentials (an exception type and message from the mail client).</summary>
    public string? LastError { get; set; }
}
