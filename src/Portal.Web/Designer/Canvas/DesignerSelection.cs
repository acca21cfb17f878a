using Portal.Workflows.Definitions;

namespace Portal.Web.Designer.Canvas;

/// <summary>What is selected on the canvas: activities (by id) and connections.</summary>
public sealed record DesignerSelection(IReadOnlyList<string> ActivityIds, IReadOnlyList<Connection> Connections)
{
    public static DesignerSelection None { get; } = new([], []);

    public bool IsEmpty => ActivityIds.Count == 0 && Connections.Count == 0;
}
