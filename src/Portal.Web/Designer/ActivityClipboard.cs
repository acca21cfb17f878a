using Portal.Workflows.Definitions;

namespace Portal.Web.Designer;

/// <summary>What Ctrl+C took: some activities and the connections among them, pasted with fresh ids.</summary>
public sealed record ActivityClipboard(IReadOnlyList<ActivityNode> Activities, IReadOnlyList<Connection> Connections)
{
    public bool IsEmpty => Activities.Count == 0;
}
