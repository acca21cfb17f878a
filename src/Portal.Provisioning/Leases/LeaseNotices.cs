using Portal.Domain.Notifications;

namespace Portal.Provisioning.Leases;

/// <summary>
/// Hands a lease notification to the registered notifiers. Resolved as a sequence so the portal runs before a
/// notifier is registered (then nobody hears, and the keeper still decommissions on time).
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
