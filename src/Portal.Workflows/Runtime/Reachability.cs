using System.Runtime.CompilerServices;
using Portal.Workflows.Definitions;

namespace Portal.Workflows.Runtime;

/// <summary>
/// Which activities each activity can lead to, following connections of any outcome. Joins use it to know
/// whether a path can still arrive. Computed once per definition.
/// </summary>
internal sealed class Reachability
{
    private static readonly ConditionalWeakTable<WorkflowDefinition, Reachability> Cache = [];
    private readonly Dictionary<string, HashSet<string>> reachable = new(StringComparer.Ordinal);

    private Reachability(WorkflowDefinition definition)
    {
        var next = definition.Connections.ToLookup(c => c.From, c => c.To, StringComparer.Ordinal);
        foreach (var activity in definition.Activities)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var pending = new Stack<string>(next[activity.Id]);
            while (pending.TryPop(out var id))
            {
                if (seen.Add(id))
                {
                    foreach (var target in next[id])
                    {
                        pending.Push(target);
                    }
                }
            }

            reachable[activity.Id] = seen;
        }
    }

    public static Reachability Of(WorkflowDefinition definition) => Cache.GetValue(definition, d => new Reachability(d));

    public bool CanReach(string from, string to) => reachable.TryGetValue(from, out var set) && set.Contains(to);
}
