namespace Portal.Domain.Notifications;

/// <summary>
/// Tells people what concerns them: an in-app notification for the bell and, when e-mail is configured, a message in
/// the outbox. Only records; it never waits for a mail server, so a workflow step that notifies is never held up.
/// </summary>
public interface INotifier
{
    Task NotifyAsync(Notification notification, CancellationToken cancellationToken);
}
