using Portal.Workflows.Definitions;

namespace Portal.Web.Designer;

/// <summary>
/// Where to draw activities that have no position yet: a column per step from Start (the shortest path), in
/// the order the definition lists them; what cannot be reached from Start gets a column after the rest.
/// Stands in until the layered auto-layout lands; it only places, it never moves an activity that has a position.
/// </summary>
public static class ProvisionalLayout
{
    public const double ColumnWidth = 180;
    public const double RowHeight = 100;
    public const double Margin = 40;

    public static IReadOnlyDictionary<string, Position> For(WorkflowDefinition definition)
    {
        var unplaced = definition.Activities.Where(a => a.Position is null).ToList();
        if (unplaced.Count == 0)
        {
            return new Dictionary<string, Position>();
        }

        var depth = Depths(definition);
        var lastColumn = depth.Count == 0 ? 0 : depth.Values.Max() + 1;
        var rows = new Dictionary<int, int>();
        var positions = new Dictionary<string, Position>(StringComparer.Ordinal);
        foreach (var activity in unplaced)
        {
            var column = depth.TryGetValue(activity.Id, out var d) ? d : lastColumn;
            var row = rows.GetValueOrDefault(column);
            rows[column] = row + 1;
            positions[activity.Id] = new Position(Margin + column * ColumnWidth, Margin + row * RowHeight);
        }

        return positions;
    }

    /// <summary>Steps from Start along any connection; empty when there is no Start.</summary>
    private static Dictionary<string, int> Depths(WorkflowDefinition definition)
    {
        var depth = new Dictionary<string, int>(StringComparer.Ordinal);
        if (definition.Activities.FirstOrDefault(a => a.Type == "Start") is not { } start)
        {
            return depth;
        }

        var next = definition.Connections.ToLookup(c => c.From, c => c.To, StringComparer.Ordinal);
        var queue = new Queue<string>();
        depth[start.Id] = 0;
        queue.Enqueue(start.Id);
        while (queue.TryDequeue(out var id))
        {
            foreach (var target in next[id])
            {
                if (depth.TryAdd(target, depth[id] + 1))
                {
                    queue.Enqueue(target);
                }
            }
        }

        return depth;
    }
}
