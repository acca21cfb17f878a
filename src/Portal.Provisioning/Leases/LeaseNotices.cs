using Portal.Domain.Notifications;

namespace Portal.Provisioning.Leases;

/// <summary>
/// Hands a lease notification to the registered notifiers (the portal registers one: the bell and e-mail). Resolved
/// as a sequence so contexts that register none (page tests) still build; the keeper decommissions on time either way.
/// Every lease notification carries a key, so a sweep or a step that runs again tells the owner once.
/// </summary>
public sealed class LeaseNotices(IEnumerable<INotifier> notifiers)
{
    /// <summary>Where a lease notification points: the owner's servers.</summary>
    public const string Link = "/servers";

    public async Task SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        foreach (var notifier in notifiers)
        {
            await notifier.NotifyAsync(notification, cancellationToken);
        }
    }

    public static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
}
