using Portal.Workflows.Definitions;

namespace Portal.Web.Designer;

/// <summary>
/// What an expression of one activity can read, listed beside the expression editor: the workflow's inputs
/// (<c>input.x</c>), its variables (<c>variables.y</c>) and the outputs of the activities that can run before it
/// (<c>outputs.id</c>: those from which a path leads here).
/// </summary>
public sealed record ExpressionScopeHints(IReadOnlyList<string> Inputs, IReadOnlyList<string> Variables, IReadOnlyList<string> Outputs)
{
    public static ExpressionScopeHints For(WorkflowDefinition definition, string activityId)
    {
        var previous = definition.Connections.ToLookup(c => c.To, c => c.From, StringComparer.Ordinal);
        var upstream = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(previous[activityId]);
        while (pending.TryPop(out var id))
        {
            if (upstream.Add(id))
            {
                foreach (var source in previous[id])
                {
                    pending.Push(source);
                }
            }
        }

        return new ExpressionScopeHints(
            definition.Inputs.Select(i => i.Name).ToList(),
            definition.Variables.Select(v => v.Name).ToList(),
            // In the definition's order, which is roughly the order they run in.
            definition.Activities.Where(a => upstream.Contains(a.Id)).Select(a => a.Id).ToList());
    }
}
