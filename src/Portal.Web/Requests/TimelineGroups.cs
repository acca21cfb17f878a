namespace Portal.Web.Requests;

/// <summary>
/// A request's timeline split for its page: what happened to the request itself (submitted, decided, finished),
/// and each server's own steps under its name, without the "name: " its lines start with.
/// </summary>
public sealed record TimelineGroups(IReadOnlyList<TimelineEntry> Request, IReadOnlyDictionary<string, IReadOnlyList<TimelineEntry>> ByServer)
{
    public static TimelineGroups Of(IReadOnlyList<TimelineEntry> timeline)
    {
        var byServer = timeline.Where(e => e.Server is not null)
            .GroupBy(e => e.Server!, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<TimelineEntry>)g.Select(WithoutServer).ToList(), StringComparer.OrdinalIgnoreCase);
        return new TimelineGroups(timeline.Where(e => e.Server is null).ToList(), byServer);
    }

    /// <summary>A server's lines, oldest first; none when it has not started.</summary>
    public IReadOnlyList<TimelineEntry> For(string server) => ByServer.GetValueOrDefault(server) ?? [];

    private static TimelineEntry WithoutServer(TimelineEntry entry) =>
        entry.Server is { } server && entry.Text.StartsWith($"{server}: ", StringComparison.Ordinal)
            ? entry with { Text = entry.Text[(server.Length + 2)..] }
            : entry;
}
