using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Domain.Notifications;

namespace Portal.Data.Notifications;

/// <summary>
/// <see cref="INotifier"/> on the portal database. Each notification is written in a scope (and context) of its own,
/// so it never commits or rolls back the caller's work; after the commit the <see cref="NotificationHub"/> tells open
/// bells. A failure to record is logged and swallowed: what the caller did already happened, and a step that runs
/// again notifies again (once: see <see cref="Notification.Key"/>).
/// </summary>
public sealed class EfNotifier(IServiceScopeFactory scopes, NotificationHub hub, ILogger<EfNotifier> logger) : INotifier
{
    public async Task NotifyAsync(Notification notification, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> notified;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            notified = await scope.ServiceProvider.GetRequiredService<NotificationStore>().AddAsync(notification, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "The {Kind} notification for {Recipient} could not be recorded", notification.Kind, notification.Recipient);
            return;
        }

        if (notified.Count > 0)
        {
            logger.LogDebug("{Kind} notification recorded for {Count} people", notification.Kind, notified.Count);
            hub.Publish(notified);
        }
    }
}
