using Microsoft.Msagl.Core.Geometry;
using Microsoft.Msagl.Core.Geometry.Curves;
using Microsoft.Msagl.Core.Layout;
using Microsoft.Msagl.Core.Routing;
using Microsoft.Msagl.Layout.Layered;
using Microsoft.Msagl.Miscellaneous;
using Portal.Workflows.Definitions;

namespace Portal.Workflows.Layout;

/// <summary>
/// Places a flowchart's activities left to right in layers (MSAGL's Sugiyama layout): every connection goes from a
/// layer to one further right, except those closing a loop, and no two boxes overlap. For definitions that come
/// without positions (written by hand, imported, shipped) so the designer and the BPMN export can draw them.
/// Positions are the top-left corners of the boxes, in pixels, with y growing downwards as on screen.
/// </summary>
public static class FlowchartLayout
{
    /// <summary>True when some activity has no position: the designer then lays the whole flowchart out.</summary>
    public static bool NeedsLayout(WorkflowDefinition definition) => definition.Activities.Any(a => a.Position is null);

    /// <summary>The definition with every activity placed, when some had no position; unchanged otherwise.</summary>
    public static WorkflowDefinition ArrangeIfNeeded(WorkflowDefinition definition, FlowchartLayoutOptions? options = null)
    {
        if (!NeedsLayout(definition))
        {
            return definition;
        }

        var positions = Arrange(definition, options);
        return definition with { Activities = [.. definition.Activities.Select(a => a with { Position = positions[a.Id] })] };
    }

    /// <summary>A position for every activity (by id; a repeated id gets one position), whatever positions it had.</summary>
    public static IReadOnlyDictionary<string, Position> Arrange(WorkflowDefinition definition, FlowchartLayoutOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        options ??= new FlowchartLayoutOptions();
        var graph = new GeometryGraph();
        var nodes = new Dictionary<string, Node>(StringComparer.Ordinal);
        foreach (var activity in definition.Activities)
        {
            if (!nodes.ContainsKey(activity.Id))
            {
                var node = new Node(CurveFactory.CreateRectangle(options.NodeWidth, options.NodeHeight, new Point()), activity.Id);
                nodes.Add(activity.Id, node);
                graph.Nodes.Add(node);
            }
        }

        // One edge per pair however many outcomes join them; a self-loop or a dangling end places nothing.
        foreach (var (from, to) in definition.Connections.Select(c => (c.From, c.To)).Distinct())
        {
            if (from != to && nodes.TryGetValue(from, out var source) && nodes.TryGetValue(to, out var target))
            {
                // The collection adds the edge to its nodes too.
                graph.Edges.Add(new Edge(source, target));
            }
        }

        if (graph.Nodes.Count == 0)
        {
            return new Dictionary<string, Position>();
        }

        // MSAGL lays layers out top to bottom with y pointing up; a quarter turn makes them run left to right.
        var settings = new SugiyamaLayoutSettings
        {
            Transformation = PlaneTransformation.Rotation(Math.PI / 2),
            LayerSeparation = options.LayerGap,
            NodeSeparation = options.NodeGap,
        };
        settings.EdgeRoutingSettings.EdgeRoutingMode = EdgeRoutingMode.StraightLine;
        LayoutHelpers.CalculateLayout(graph, settings, null);

        var boxes = nodes.ToDictionary(n => n.Key, n => (Left: n.Value.Center.X - options.NodeWidth / 2, Top: -n.Value.Center.Y - options.NodeHeight / 2));
        var left = boxes.Values.Min(b => b.Left);
        var top = boxes.Values.Min(b => b.Top);
        return boxes.ToDictionary(
            b => b.Key,
            b => new Position(Math.Round(b.Value.Left - left + options.Margin), Math.Round(b.Value.Top - top + options.Margin)),
            StringComparer.Ordinal);
    }
}
