using Blazor.Diagrams;
using Blazor.Diagrams.Core.Behaviors;
using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models.Base;
using Blazor.Diagrams.Core.PathGenerators;
using Blazor.Diagrams.Core.Routers;
using Blazor.Diagrams.Options;
using Microsoft.AspNetCore.Components;
using Portal.Web.Designer.Canvas;
using Portal.Workflows.Activities;
using Portal.Workflows.Definitions;

namespace Portal.Web.Designer.Viewer;

/// <summary>
/// An instance on its definition's diagram, read-only: the designer's nodes and connections (same look, same
/// ports), locked in place, with each activity marked by how it stands in the instance and the connections the
/// instance took drawn solid. Pan, zoom and the minimap work; nothing can be moved, connected or deleted.
/// Clicking an activity selects it, and <see cref="ActivitySelected"/> tells the page.
/// </summary>
public sealed partial class ViewerCanvas : IDisposable
{
    public const string TakenColor = "#2e7d32";
    public const string IdleColor = "#b0bec5";

    private readonly Dictionary<string, ActivityNodeModel> nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ConnectionLinkModel> links = new(StringComparer.Ordinal);
    private BlazorDiagram diagram = null!;
    private ViewerMarks marks = null!;
    private WorkflowDefinition? drawn;
    private bool fitted;
    private bool shouldRender = true;
    private bool showNavigator;
    private string? selected;

    /// <summary>The instance over its definition version.</summary>
    [Parameter, EditorRequired] public InstanceDiagram Instance { get; set; } = null!;

    /// <summary>The activity types, for ports (outcomes) and appearance.</summary>
    [Parameter, EditorRequired] public ActivityRegistry Activities { get; set; } = null!;

    /// <summary>Told the id of the activity clicked, or null when the selection is cleared.</summary>
    [Parameter] public EventCallback<string?> ActivitySelected { get; set; }

    public double Zoom => diagram?.Zoom ?? 1;

    public bool ShowNavigator
    {
        get => showNavigator;
        set
        {
            showNavigator = value;
            shouldRender = true;
            StateHasChanged();
        }
    }

    protected override void OnInitialized()
    {
        var options = new BlazorDiagramOptions
        {
            AllowMultiSelection = false,
            GridSize = (int)DesignerCanvas.GridPixels,
            Zoom = { Minimum = 0.15, Maximum = 2.5 },
            Links =
            {
                DefaultRouter = new NormalRouter(),
                DefaultPathGenerator = new SmoothPathGenerator(),
                DefaultColor = IdleColor,
                DefaultSelectedColor = "#1565c0",
                // Nothing is drawn from a port here: a drag from an outcome starts no connection.
                Factory = (_, _, _) => null,
            },
        };
        diagram = new BlazorDiagram(options);
        diagram.RegisterComponent<ActivityNodeModel, ViewerNodeWidget>();
        diagram.SelectionChanged += OnSelectionChanged;
        var keys = diagram.GetBehavior<KeyboardShortcutsBehavior>()!;
        keys.RemoveShortcut("Delete", false, false, false);
        marks = new ViewerMarks(Instance);
    }

    protected override void OnParametersSet()
    {
        var previous = marks.Instance;
        marks.Instance = Instance;
        if (!ReferenceEquals(drawn, Instance.Definition))
        {
            Draw(Instance.Definition);
            return;
        }

        // The same version, a newer state: redraw only what moved.
        foreach (var (id, node) in nodes)
        {
            if (!SameRun(previous.RunOf(id), Instance.RunOf(id)))
            {
                node.Refresh();
            }
        }

        foreach (var link in links.Values)
        {
            ColorLink(link);
        }
    }

    /// <summary>Two runs draw alike when mark and journal length are the same (a run only grows).</summary>
    private static bool SameRun(ActivityRun a, ActivityRun b) =>
        a.Mark == b.Mark && a.Steps.Count == b.Steps.Count && a.Bookmarks.Count == b.Bookmarks.Count && a.Incidents.Count == b.Incidents.Count;

    /// <summary>The diagram draws itself; this component renders once, and again only for its own widgets (the minimap).</summary>
    protected override bool ShouldRender()
    {
        var render = shouldRender;
        shouldRender = false;
        return render;
    }

    private void Draw(WorkflowDefinition definition)
    {
        drawn = definition;
        showNavigator = definition.Activities.Count > DesignerCanvas.MinimapThreshold;
        shouldRender = true;
        // Where the designer draws each activity, laid out for a definition without positions: the same picture.
        var layout = new DesignerDocument(definition);
        diagram.Batch(() =>
        {
            diagram.Links.Clear();
            diagram.Nodes.Clear();
            nodes.Clear();
            links.Clear();
            var outgoing = definition.Connections.ToLookup(c => c.From, c => c.Outcome, StringComparer.Ordinal);
            foreach (var activity in definition.Activities)
            {
                var descriptor = Activities.Find(activity.Type)?.Descriptor;
                var at = layout.PositionOf(activity);
                var node = new ActivityNodeModel(activity, descriptor, new Point(at.X * DesignerCanvas.Scale, at.Y * DesignerCanvas.Scale), OutcomesOf(activity, descriptor, outgoing[activity.Id]))
                {
                    Locked = true,
                };
                nodes[activity.Id] = node;
                diagram.Nodes.Add(node);
            }

            var seen = new Dictionary<Connection, int>();
            foreach (var connection in definition.Connections)
            {
                var occurrence = seen.GetValueOrDefault(connection);
                seen[connection] = occurrence + 1;
                if (!nodes.TryGetValue(connection.From, out var from) || !nodes.TryGetValue(connection.To, out var to)
                    || from.Outcomes.FirstOrDefault(p => p.Outcome == connection.Outcome) is not { } port)
                {
                    continue;
                }

                var key = DesignerCanvas.LinkKey(connection, occurrence);
                var link = new ConnectionLinkModel(key, connection, port, to.Input) { Locked = true };
                ColorLink(link);
                links[key] = link;
                diagram.Links.Add(link);
            }
        });
        fitted = false;
    }

    private void ColorLink(ConnectionLinkModel link)
    {
        var taken = Instance.WasTaken(link.Connection);
        var color = taken ? TakenColor : IdleColor;
        var width = taken ? 3 : 2;
        if (link.Color != color || link.Width != width)
        {
            link.Color = color;
            link.Width = width;
            link.Refresh();
        }
    }

    /// <summary>The activity's outcomes, then any outcome a connection uses that the activity does not declare.</summary>
    private static List<OutcomeSlot> OutcomesOf(ActivityNode activity, ActivityDescriptor? descriptor, IEnumerable<string> used)
    {
        var declared = descriptor?.OutcomesFor(activity) ?? [];
        var slots = declared.Select(o => new OutcomeSlot(o, true)).ToList();
        slots.AddRange(used.Distinct(StringComparer.Ordinal).Where(o => !declared.Contains(o, StringComparer.Ordinal)).Select(o => new OutcomeSlot(o, false)));
        return slots;
    }

    private void OnSelectionChanged(SelectableModel model)
    {
        var now = diagram.GetSelectedModels().OfType<ActivityNodeModel>().FirstOrDefault()?.Activity.Id;
        if (now != selected)
        {
            selected = now;
            _ = ActivitySelected.InvokeAsync(now);
        }
    }

    /// <summary>Selects one activity and brings it to the middle of the view (from the page's list, or on open).</summary>
    public void Reveal(string activityId)
    {
        if (!nodes.TryGetValue(activityId, out var node))
        {
            return;
        }

        diagram.Batch(() =>
        {
            diagram.UnselectAll();
            diagram.SelectModel(node, true);
        });
        if (diagram.Container is { Width: > 0 } container)
        {
            var zoom = Math.Max(diagram.Zoom, DesignerCanvas.ReadableZoom);
            var size = node.Size ?? new Size(DesignerCanvas.NodeWidth, 80);
            diagram.Batch(() =>
            {
                diagram.SetZoom(zoom);
                diagram.SetPan(
                    container.Width / 2 - (node.Position.X + size.Width / 2) * zoom,
                    container.Height / 2 - (node.Position.Y + size.Height / 2) * zoom);
            });
        }
    }

    public void ZoomIn() => ZoomAroundCenter(diagram.Zoom * 1.2);

    public void ZoomOut() => ZoomAroundCenter(diagram.Zoom / 1.2);

    private void ZoomAroundCenter(double zoom)
    {
        zoom = Math.Clamp(zoom, diagram.Options.Zoom.Minimum, diagram.Options.Zoom.Maximum);
        if (diagram.Container is not { } container)
        {
            diagram.SetZoom(zoom);
            return;
        }

        var centerX = (container.Width / 2 - diagram.Pan.X) / diagram.Zoom;
        var centerY = (container.Height / 2 - diagram.Pan.Y) / diagram.Zoom;
        diagram.Batch(() =>
        {
            diagram.SetZoom(zoom);
            diagram.SetPan(container.Width / 2 - centerX * zoom, container.Height / 2 - centerY * zoom);
        });
    }

    /// <summary>Fits every activity in the view, never enlarging past 100 %.</summary>
    public void FitToScreen()
    {
        if (diagram.Container is not { Width: > 0, Height: > 0 } container || nodes.Count == 0)
        {
            return;
        }

        const double margin = 40;
        var minX = nodes.Values.Min(n => n.Position.X);
        var minY = nodes.Values.Min(n => n.Position.Y);
        var maxX = nodes.Values.Max(n => n.Position.X + (n.Size?.Width ?? DesignerCanvas.NodeWidth));
        var maxY = nodes.Values.Max(n => n.Position.Y + (n.Size?.Height ?? 80));
        var zoom = Math.Min(1, Math.Min((container.Width - 2 * margin) / (maxX - minX), (container.Height - 2 * margin) / (maxY - minY)));
        zoom = Math.Clamp(zoom, diagram.Options.Zoom.Minimum, diagram.Options.Zoom.Maximum);
        diagram.Batch(() =>
        {
            diagram.SetZoom(zoom);
            diagram.SetPan(
                (container.Width - (maxX - minX) * zoom) / 2 - minX * zoom,
                (container.Height - (maxY - minY) * zoom) / 2 - minY * zoom);
        });
    }

    /// <summary>
    /// The first view: the whole flow when it fits at a readable size; otherwise where the instance stands (its
    /// faulted or waiting activity, else the last that ran) at a readable size, with the minimap for the rest.
    /// </summary>
    private void ShowInitialView()
    {
        FitToScreen();
        if (diagram.Zoom >= DesignerCanvas.ReadableZoom)
        {
            return;
        }

        var focus = Instance.Definition.Activities.Select(a => Instance.RunOf(a.Id))
            .OrderByDescending(r => r.Mark switch { ActivityMark.Faulted => 3, ActivityMark.Waiting => 2, ActivityMark.Queued => 1, _ => 0 })
            .ThenByDescending(r => r.Steps.Count > 0 ? r.Steps[^1].Number : 0)
            .FirstOrDefault();
        if (focus is not null && nodes.TryGetValue(focus.ActivityId, out var node) && diagram.Container is { } container)
        {
            var size = node.Size ?? new Size(DesignerCanvas.NodeWidth, 80);
            diagram.Batch(() =>
            {
                diagram.SetZoom(DesignerCanvas.ReadableZoom);
                diagram.SetPan(
                    container.Width / 2 - (node.Position.X + size.Width / 2) * DesignerCanvas.ReadableZoom,
                    container.Height / 2 - (node.Position.Y + size.Height / 2) * DesignerCanvas.ReadableZoom);
            });
        }

        if (!showNavigator)
        {
            ShowNavigator = true;
        }
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            // The container's size arrives from the browser just after the first render.
            diagram.ContainerChanged += FitOnce;
        }

        FitOnce();
    }

    private void FitOnce()
    {
        if (!fitted && diagram.Container is { Width: > 0 })
        {
            fitted = true;
            ShowInitialView();
        }
    }

    public void Dispose()
    {
        diagram.SelectionChanged -= OnSelectionChanged;
        diagram.ContainerChanged -= FitOnce;
    }
}
