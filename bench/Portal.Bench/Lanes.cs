namespace Portal.Bench;

/// <summary>
/// Concurrent callers, as concurrent HTTP requests: each takes the next item and waits for its call to return
/// before it takes another. Both engines are driven through this, with the same number of callers.
/// </summary>
public static class Lanes
{
    public static Task RunAsync<TLane, TItem>(IReadOnlyList<TLane> lanes, IReadOnlyList<TItem> items, Func<TLane, TItem, Task> call)
    {
        var next = -1;
        return Task.WhenAll(lanes.Select(lane => Task.Run(async () =>
        {
            for (var k = Interlocked.Increment(ref next); k < items.Count; k = Interlocked.Increment(ref next))
            {
                await call(lane, items[k]);
            }
        })));
    }
}
