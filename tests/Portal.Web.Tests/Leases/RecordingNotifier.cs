using System.Collections.Concurrent;
using Portal.Domain.Notifications;

namespace Portal.Web.Tests.Leases;

/// <summary>Keeps every notification the portal sends, in order, so a test sees who heard what and in which order.</summary>
public sealed class RecordingNotifier : INotifier
{
    private readonly ConcurrentQueue<Notification> sent = new();

    public IReadOnlyList<Notification> Sent => sent.ToArray();

    public Task NotifyAsync(Notification notification, CancellationToken cancellationToken)
    {
        sent.Enqueue(notification);
        return Task.CompletedTask;
    }

    /// <summary>The notifications of <paramref name="kind"/> that name <paramref name="server"/>.</summary>
    public IReadOnlyList<Notification> About(string server, NotificationKind kind) =>
        Sent.Where(n => n.Kind == kind && (n.Title.Contains(server, StringComparison.Ordinal) || n.Message.Contains(server, StringComparison.Ordinal))).ToList();

    public async Task<Notification> WaitForAsync(string server, NotificationKind kind, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (About(server, kind) is [var first, ..])
            {
                return first;
            }

            await Task.Delay(50, cancellationToken);
        }

        throw new Xunit.Sdk.XunitException($"No {kind} notification about {server}; sent: {string.Join(" | ", Sent.Select(n => $"{n.Kind} {n.Title}"))}");
    }
}
