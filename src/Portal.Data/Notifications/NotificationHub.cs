using System.Collections.Concurrent;

namespace Portal.Data.Notifications;

/// <summary>
/// In-process signal that a person has new notifications, so open bells update without reloading. A singleton:
/// the notifier publishes after its rows are committed; each bell subscribes for its signed-in user and disposes the
/// subscription with the component. It carries no data (the bell reads the database), so a missed signal costs only
/// latency: bells also poll slowly, which is how notifications written by another portal node arrive.
/// </summary>
public sealed class NotificationHub
{
    private readonly ConcurrentDictionary<string, ImmutableSubscribers> subscribers = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Calls <paramref name="onNew"/> (on the publisher's thread: keep it short, hand over to the UI) whenever <paramref name="userName"/> gets a notification.</summary>
    public IDisposable Subscribe(string userName, Action onNew)
    {
        var subscription = new Subscription(this, userName, onNew);
        subscribers.AddOrUpdate(userName, _ => new ImmutableSubscribers([subscription]), (_, list) => list.With(subscription));
        return subscription;
    }

    public void Publish(IEnumerable<string> userNames)
    {
        foreach (var name in userNames.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (!subscribers.TryGetValue(name, out var list))
            {
                continue;
            }

            foreach (var subscription in list.Items)
            {
                try
                {
                    subscription.OnNew();
                }
                catch (ObjectDisposedException)
                {
                    // A circuit that went away between the lookup and the call.
                }
            }
        }
    }

    /// <summary>How many bells listen for <paramref name="userName"/> (tests).</summary>
    public int SubscriberCount(string userName) => subscribers.TryGetValue(userName, out var list) ? list.Items.Length : 0;

    private void Remove(Subscription subscription)
    {
        while (subscribers.TryGetValue(subscription.UserName, out var list))
        {
            var rest = list.Without(subscription);
            var done = rest.Items.Length == 0
                ? subscribers.TryRemove(new KeyValuePair<string, ImmutableSubscribers>(subscription.UserName, list))
                : subscribers.TryUpdate(subscription.UserName, rest, list);
            if (done)
            {
                return;
            }
        }
    }

    private sealed record ImmutableSubscribers(Subscription[] Items)
    {
        public ImmutableSubscribers With(Subscription item) => new([.. Items, item]);

        public ImmutableSubscribers Without(Subscription item) => new(Items.Where(i => !ReferenceEquals(i, item)).ToArray());
    }

    private sealed class Subscription(NotificationHub hub, string userName, Action onNew) : IDisposable
    {
        private int disposed;

        public string UserName => userName;

        public Action OnNew => onNew;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                hub.Remove(this);
            }
        }
    }
}
