using Blazor.Diagrams;
using Blazor.Diagrams.Core.Anchors;
using Blazor.Diagrams.Core.Behaviors;
using Blazor.Diagrams.Core.Events;
using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;
using Blazor.Diagrams.Core.Models.Base;
using Blazor.Diagrams.Core.PathGenerators;
using Blazor.Diagrams.Core.Routers;
using Blazor.Diagrams.Options;
using Microsoft.AspNetCore.Components;
using Portal.Workflows.Activities;
using Portal.Workflows.Definitions;

namespace Portal.Web.Designer.Canvas;

/// <summary>
/// The flowchart on a Z.Blazor.Diagrams canvas, kept in step with a <see cref="DesignerDocument"/>: every document
/// change is applied to the diagram incrementally (only the nodes and links that changed), and what the person does
/// on the canvas — move, connect, delete, copy, paste, undo — becomes a document edit. The document is the truth;
/// the diagram only draws it.
/// </summary>
public sealed partial class DesignerCanvas : IDisposable
{
    /// <summary>Above this many activities the minimap shows by default.</summary>
    public const int MinimapThreshold = 25;

    /// <summary>
    /// Screen pixels per unit of a definition's positions. Definitions place activities 140–180 units apart (the
    /// scale of a BPMN task, 100 units wide); drawn at 1.6 px per unit a node of 176 px keeps room for its arrows.
    /// </summary>
    public const double Scale = 1.6;

    /// <summary>The snap grid in pixels: 10 units, so dragged activities land on round positions.</summary>
    public const double GridPixels = 10 * Scale;

    /// <summary>The width of a node as the widget draws it (its CSS says the same).</summary>
    public const double NodeWidth = 176;

    private readonly Dictionary<string, ActivityNodeModel> nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ConnectionLinkModel> links = new(StringComparer.Ordinal);
    private BlazorDiagram diagram = null!;
    private DesignerDocument? subscribed;
    private ActivityClipboard? clipboard;
    private int pastes;
    private bool fitted;
    private bool shouldRender = true;
    private bool showNavigator;

    /// <summary>The definition being edited.</summary>
    [Parameter, EditorRequired] public DesignerDocument Document { get; set; } = null!;

    /// <summary>The activity types, for ports (outcomes) and appearance.</summary>
    [Parameter, EditorRequired] public ActivityRegistry Activities { get; set; } = null!;

    /// <summary>Told whenever the selection changes.</summary>
    [Parameter] public EventCallback<DesignerSelection> SelectionChanged { get; set; }

    /// <summary>Told where (in diagram coordinates) something from the palette was dropped.</summary>
    [Parameter] public EventCallback<Position> Dropped { get; set; }

    /// <summary>Told when the zoom changes, so the toolbar can show it.</summary>
    [Parameter] public EventCallback<double> ZoomChanged { get; set; }

    /// <summary>
    /// Shows the flowchart without letting it be changed (an older version, a running instance): nodes cannot be
    /// moved, connected, deleted or pasted, nothing can be dropped; selecting, panning, zooming and the minimap work.
    /// </summary>
    [Parameter] public bool ReadOnly { get; set; }

    /// <summary>What each activity did in the run shown (by activity id); activities not listed are unmarked.</summary>
    [Parameter] public IReadOnlyDictionary<string, ActivityMark>? Marks { get; set; }

    /// <summary>A short note per activity (by id) drawn on its node, e.g. how many times it ran; null for none.</summary>
    [Parameter] public IReadOnlyDictionary<string, string>? Badges { get; set; }

    public double Zoom => diagram?.Zoom ?? 1;

    public bool ShowNavigator
    {
        get => showNavigator;
        set
        {
            showNavigator = value;
            shouldRender = true;
            StateHasChanged();
            // The library's DiagramCanvas draws its widgets only when the diagram changes, not when they do: without
            // this, a hidden minimap stayed on screen until the next pan or move.
            diagram.Refresh();
        }
    }

    public bool HasClipboard => clipboard is { IsEmpty: false };

    public DesignerSelection Selection { get; private set; } = DesignerSelection.None;

    protected override void OnInitialized()
    {
        var options = new BlazorDiagramOptions
        {
            AllowMultiSelection = true,
            GridSize = (int)GridPixels,
            Zoom = { Minimum = 0.15, Maximum = 2.5 },
            Links =
            {
                DefaultRouter = new NormalRouter(),
                DefaultPathGenerator = new SmoothPathGenerator(),
                DefaultColor = "#78909c",
                DefaultSelectedColor = "#1565c0",
                EnableSnapping = true,
                SnappingRadius = 24,
                RequireTarget = true,
                Factory = CreateDraggedLink,
                TargetAnchorFactory = AnchorAtInput,
            },
        };
        diagram = new BlazorDiagram(options);
        diagram.RegisterComponent<ActivityNodeModel, ActivityNodeWidget>();
        diagram.PointerUp += OnPointerUp;
        diagram.SelectionChanged += OnSelectionChanged;
        diagram.ZoomChanged += OnZoomChanged;
        diagram.Links.Removed += OnLinkRemoved;

        // The library's Delete removes models from the diagram only; here every deletion is a document edit.
        var keys = diagram.GetBehavior<KeyboardShortcutsBehavior>()!;
        keys.RemoveShortcut("Delete", false, false, false);
        keys.SetShortcut("Delete", false, false, false, _ => Run(DeleteSelection));
        keys.SetShortcut("Backspace", false, false, false, _ => Run(DeleteSelection));
        keys.SetShortcut("z", true, false, false, _ => Run(() => Edit(() => Document.Undo())));
        keys.SetShortcut("Z", true, true, false, _ => Run(() => Edit(() => Document.Redo())));
        keys.SetShortcut("y", true, false, false, _ => Run(() => Edit(() => Document.Redo())));
        keys.SetShortcut("c", true, false, false, _ => Run(CopySelection));
        keys.SetShortcut("v", true, false, false, _ => Run(Paste));
        keys.SetShortcut("a", true, false, false, _ => Run(SelectAll));
    }

    protected override void OnParametersSet()
    {
        if (!ReferenceEquals(subscribed, Document))
        {
            if (subscribed is not null)
            {
                subscribed.Changed -= Sync;
            }

            subscribed = Document;
            Document.Changed += Sync;
            showNavigator = Document.Definition.Activities.Count > MinimapThreshold;
            fitted = false;
            Sync();
        }

        if (ReadOnly != appliedReadOnly)
        {
            appliedReadOnly = ReadOnly;
            shouldRender = true;
            ApplyLock();
        }

        if (!ReferenceEquals(Marks, appliedMarks) || !ReferenceEquals(Badges, appliedBadges))
        {
            appliedMarks = Marks;
            appliedBadges = Badges;
            ApplyMarks();
        }
    }

    private bool appliedReadOnly;
    private IReadOnlyDictionary<string, ActivityMark>? appliedMarks;
    private IReadOnlyDictionary<string, string>? appliedBadges;

    /// <summary>Runs an edit unless the canvas is read-only.</summary>
    private void Edit(Action edit)
    {
        if (!ReadOnly)
        {
            edit();
        }
    }

    private void ApplyLock()
    {
        foreach (var node in nodes.Values)
        {
            Lock(node);
        }

        foreach (var link in links.Values)
        {
            link.Locked = appliedReadOnly;
        }
    }

    private void Lock(ActivityNodeModel node)
    {
        node.Locked = appliedReadOnly;
        foreach (var port in node.Ports)
        {
            port.Locked = appliedReadOnly;
        }
    }

    /// <summary>Draws <see cref="Marks"/> and <see cref="Badges"/>, refreshing only the nodes whose mark changed.</summary>
    private void ApplyMarks()
    {
        foreach (var (id, node) in nodes)
        {
            MarkNode(id, node);
        }
    }

    private void MarkNode(string id, ActivityNodeModel node, bool refresh = true)
    {
        var mark = appliedMarks?.GetValueOrDefault(id) ?? ActivityMark.None;
        var badge = appliedBadges?.GetValueOrDefault(id);
        if (node.Mark == mark && node.Badge == badge)
        {
            return;
        }

        node.Mark = mark;
        node.Badge = badge;
        if (refresh)
        {
            node.Refresh();
        }
    }

    /// <summary>The diagram draws itself; this component renders once, and again only for its own widgets (the minimap).</summary>
    protected override bool ShouldRender()
    {
        var render = shouldRender;
        shouldRender = false;
        return render;
    }

    /// <summary>Applies the document to the diagram: adds, updates and removes only what differs.</summary>
    private void Sync()
    {
        var definition = Document.Definition;
        if (Document.LastChangeMovedOnly && definition.Activities.All(a => nodes.ContainsKey(a.Id)))
        {
            // A drop or an undone move: the same nodes, outcomes and links; only the moved nodes need their new record.
            foreach (var activity in definition.Activities)
            {
                UpdateNode(nodes[activity.Id], activity, ToCanvas(Document.PositionOf(activity)));
            }

            return;
        }

        diagram.Batch(() =>
        {
            var wanted = new HashSet<string>(StringComparer.Ordinal);
            foreach (var activity in definition.Activities)
            {
                wanted.Add(activity.Id);
            }

            foreach (var (id, node) in nodes.Where(n => !wanted.Contains(n.Key)).ToList())
            {
                RemoveNode(id, node);
            }

            var outgoing = definition.Connections.ToLookup(c => c.From, c => c.Outcome, StringComparer.Ordinal);
            foreach (var activity in definition.Activities)
            {
                var descriptor = Activities.Find(activity.Type)?.Descriptor;
                var outcomes = OutcomesOf(activity, descriptor, outgoing[activity.Id]);
                var position = ToCanvas(Document.PositionOf(activity));
                if (nodes.TryGetValue(activity.Id, out var node))
                {
                    if (node.HasSameOutcomes(outcomes) && ReferenceEquals(node.Descriptor, descriptor))
                    {
                        UpdateNode(node, activity, position);
                        continue;
                    }

                    RemoveNode(activity.Id, node);
                }

                var created = new ActivityNodeModel(activity, descriptor, position, outcomes);
                Lock(created);
                MarkNode(activity.Id, created, refresh: false);
                nodes[activity.Id] = created;
                diagram.Nodes.Add(created);
            }

            SyncLinks(definition);
        });

        NotifySelection();
    }

    private static Point ToCanvas(Position position) => new(position.X * Scale, position.Y * Scale);

    private static Position FromCanvas(Point point) => new(point.X / Scale, point.Y / Scale);

    private static void UpdateNode(ActivityNodeModel node, ActivityNode activity, Point position)
    {
        if (ReferenceEquals(node.Activity, activity))
        {
            return;
        }

        node.Activity = activity;
        if (node.Position.X != position.X || node.Position.Y != position.Y)
        {
            node.SetPosition(position.X, position.Y);
        }

        node.Refresh();
    }

    private void RemoveNode(string id, ActivityNodeModel node)
    {
        nodes.Remove(id);
        diagram.Nodes.Remove(node);
    }

    private void SyncLinks(WorkflowDefinition definition)
    {
        var wanted = new Dictionary<string, Connection>(StringComparer.Ordinal);
        var seen = new Dictionary<Connection, int>();
        foreach (var connection in definition.Connections)
        {
            var occurrence = seen.GetValueOrDefault(connection);
            seen[connection] = occurrence + 1;
            wanted[LinkKey(connection, occurrence)] = connection;
        }

        foreach (var (key, link) in links.Where(l => !wanted.ContainsKey(l.Key) || !diagram.Links.Contains(l.Value)).ToList())
        {
            links.Remove(key);
            diagram.Links.Remove(link);
        }

        foreach (var (key, connection) in wanted)
        {
            if (links.ContainsKey(key)
                || !nodes.TryGetValue(connection.From, out var from) || !nodes.TryGetValue(connection.To, out var to)
                || from.Outcomes.FirstOrDefault(p => p.Outcome == connection.Outcome) is not { } port)
            {
                continue;
            }

            var link = new ConnectionLinkModel(key, connection, port, to.Input) { Locked = appliedReadOnly };
            links[key] = link;
            diagram.Links.Add(link);
        }
    }

    /// <summary>"from|outcome|to", with "|2", "|3"… for repeats, so each link's id says which connection it draws.</summary>
    public static string LinkKey(Connection connection, int occurrence) =>
        occurrence == 0 ? $"{connection.From}|{connection.Outcome}|{connection.To}" : $"{connection.From}|{connection.Outcome}|{connection.To}|{occurrence + 1}";

    /// <summary>The activity's outcomes, then any outcome a connection still uses that the activity no longer has.</summary>
    private static List<OutcomeSlot> OutcomesOf(ActivityNode activity, ActivityDescriptor? descriptor, IEnumerable<string> used)
    {
        var declared = descriptor?.OutcomesFor(activity) ?? [];
        var slots = declared.Select(o => new OutcomeSlot(o, true)).ToList();
        foreach (var outcome in used.Distinct(StringComparer.Ordinal).Where(o => !declared.Contains(o, StringComparer.Ordinal)))
        {
            slots.Add(new OutcomeSlot(outcome, false));
        }

        return slots;
    }

    private BaseLinkModel? CreateDraggedLink(Blazor.Diagrams.Core.Diagram _, ILinkable source, Anchor target) =>
        source is OutcomePortModel port ? new LinkModel(new SinglePortAnchor(port), target) { TargetMarker = LinkMarker.Arrow } : null;

    /// <summary>A connection dropped anywhere on an activity ends at its input.</summary>
    private static Anchor AnchorAtInput(Blazor.Diagrams.Core.Diagram _, BaseLinkModel link, ILinkable target) => target switch
    {
        ActivityNodeModel node => new SinglePortAnchor(node.Input),
        PortModel port => new SinglePortAnchor(port),
        NodeModel node => new ShapeIntersectionAnchor(node),
        _ => throw new InvalidOperationException($"A connection cannot end on a {target.GetType().Name}."),
    };

    /// <summary>
    /// After the library's own handling of a pointer release: a link dragged to an activity becomes a connection,
    /// and nodes that were dragged become one move edit (one undo step however many moved).
    /// </summary>
    private void OnPointerUp(Model? model, PointerEventArgs e)
    {
        foreach (var dragged in diagram.Links.Where(l => l is not ConnectionLinkModel).ToList())
        {
            diagram.Links.Remove(dragged);
            if (!ReadOnly && dragged.Source is SinglePortAnchor { Port: OutcomePortModel from } && dragged.Target is SinglePortAnchor { Port: InputPortModel to })
            {
                Document.Connect(new Connection(from.Activity.Activity.Id, from.Outcome, to.Activity.Activity.Id));
            }
        }

        if (ReadOnly)
        {
            return;
        }

        var moved = new Dictionary<string, Position>(StringComparer.Ordinal);
        foreach (var node in nodes.Values)
        {
            var at = Document.PositionOf(node.Activity);
            var now = FromCanvas(node.Position);
            if (Math.Round(now.X) != Math.Round(at.X) || Math.Round(now.Y) != Math.Round(at.Y))
            {
                moved[node.Activity.Id] = now;
            }
        }

        if (moved.Count > 0)
        {
            Document.Move(moved);
        }
    }

    private void OnLinkRemoved(BaseLinkModel link)
    {
        if (link is ConnectionLinkModel connection && links.TryGetValue(connection.Id, out var known) && ReferenceEquals(known, connection))
        {
            links.Remove(connection.Id);
        }
    }

    private void OnSelectionChanged(SelectableModel _) => NotifySelection();

    private void NotifySelection()
    {
        var selected = diagram.GetSelectedModels().ToList();
        var next = new DesignerSelection(
            selected.OfType<ActivityNodeModel>().Where(n => nodes.ContainsKey(n.Activity.Id)).Select(n => n.Activity.Id).ToList(),
            selected.OfType<ConnectionLinkModel>().Select(l => l.Connection).ToList());
        if (next.ActivityIds.SequenceEqual(Selection.ActivityIds) && next.Connections.SequenceEqual(Selection.Connections))
        {
            return;
        }

        Selection = next;
        _ = SelectionChanged.InvokeAsync(next);
    }

    private void OnZoomChanged() => _ = ZoomChanged.InvokeAsync(diagram.Zoom);

    private async Task OnDropAsync(Microsoft.AspNetCore.Components.Web.DragEventArgs e)
    {
        if (ReadOnly)
        {
            return;
        }

        var point = diagram.GetRelativeMousePoint(e.ClientX, e.ClientY);
        // The pointer holds the node near its top-left corner, as it held the palette item.
        var at = FromCanvas(new Point(point.X - 20, point.Y - 20));
        await Dropped.InvokeAsync(new Position(Math.Round(at.X / 10) * 10, Math.Round(at.Y / 10) * 10));
    }

    private static ValueTask Run(Action action)
    {
        action();
        return ValueTask.CompletedTask;
    }

    public void DeleteSelection()
    {
        var selection = Selection;
        if (!ReadOnly && !selection.IsEmpty)
        {
            Document.Delete(selection.ActivityIds, selection.Connections);
        }
    }

    public void CopySelection()
    {
        if (Selection.ActivityIds.Count > 0)
        {
            clipboard = Document.Copy(Selection.ActivityIds);
            pastes = 0;
        }
    }

    /// <summary>Pastes the clipboard with fresh ids, a little further down each time, and selects the copies.</summary>
    public void Paste()
    {
        if (ReadOnly || clipboard is not { IsEmpty: false } copied)
        {
            return;
        }

        pastes++;
        var ids = Document.Paste(copied, new Position(40 * pastes, 40 * pastes));
        Select(ids);
    }

    public void SelectAll() => Select(nodes.Keys.ToList());

    /// <summary>Selects these activities (and nothing else).</summary>
    public void Select(IReadOnlyCollection<string> activityIds)
    {
        diagram.Batch(() =>
        {
            diagram.UnselectAll();
            foreach (var id in activityIds)
            {
                if (nodes.TryGetValue(id, out var node))
                {
                    diagram.SelectModel(node, false);
                }
            }
        });
        NotifySelection();
    }

    /// <summary>Selects one activity, brings it to the middle of the view and marks it until another is picked.</summary>
    public void Reveal(string activityId)
    {
        if (!nodes.TryGetValue(activityId, out var node))
        {
            return;
        }

        foreach (var other in nodes.Values.Where(n => n.Highlighted && n != node))
        {
            other.Highlighted = false;
            other.Refresh();
        }

        node.Highlighted = true;
        node.Refresh();
        Select([activityId]);
        if (diagram.Container is { } container)
        {
            var size = node.Size ?? new Blazor.Diagrams.Core.Geometry.Size(NodeWidth, 80);
            diagram.SetPan(
                container.Width / 2 - (node.Position.X + size.Width / 2) * diagram.Zoom,
                container.Height / 2 - (node.Position.Y + size.Height / 2) * diagram.Zoom);
        }
    }

    /// <summary>Marks the activities the last validation found errors in.</summary>
    public void Flag(IReadOnlyCollection<string> activityIds)
    {
        var flagged = activityIds.ToHashSet(StringComparer.Ordinal);
        foreach (var node in nodes.Values)
        {
            var has = flagged.Contains(node.Activity.Id);
            if (node.HasErrors != has || (!has && node.Highlighted))
            {
                node.HasErrors = has;
                node.Highlighted &= has;
                node.Refresh();
            }
        }
    }

    /// <summary>The middle of what is visible, in diagram coordinates: where a keyboard-added activity goes.</summary>
    public Position VisibleCenter()
    {
        if (diagram.Container is not { } container)
        {
            return new Position(100, 100);
        }

        var center = FromCanvas(new Point(
            (container.Width / 2 - diagram.Pan.X) / diagram.Zoom - 88,
            (container.Height / 2 - diagram.Pan.Y) / diagram.Zoom - 30));
        var x = Math.Round(center.X / 10) * 10;
        var y = Math.Round(center.Y / 10) * 10;
        // Several adds in a row should not stack exactly on top of each other.
        while (Document.Definition.Activities.Any(a => Document.PositionOf(a) is var p && Math.Abs(p.X - x) < 20 && Math.Abs(p.Y - y) < 20))
        {
            x += 30;
            y += 30;
        }

        return new Position(x, y);
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

        // Keep the point in the middle of the view where it is.
        var centerX = (container.Width / 2 - diagram.Pan.X) / diagram.Zoom;
        var centerY = (container.Height / 2 - diagram.Pan.Y) / diagram.Zoom;
        diagram.Batch(() =>
        {
            diagram.SetZoom(zoom);
            diagram.SetPan(container.Width / 2 - centerX * zoom, container.Height / 2 - centerY * zoom);
        });
    }

    /// <summary>Fits every activity in the view, never enlarging past 100 % (a three-step flow should not fill a wall).</summary>
    public void FitToScreen()
    {
        if (diagram.Container is not { Width: > 0, Height: > 0 } container || nodes.Count == 0)
        {
            return;
        }

        const double margin = 40;
        var minX = nodes.Values.Min(n => n.Position.X);
        var minY = nodes.Values.Min(n => n.Position.Y);
        var maxX = nodes.Values.Max(n => n.Position.X + (n.Size?.Width ?? NodeWidth));
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
    /// The first view: the whole flow when it fits at a readable size; otherwise its beginning at a readable size,
    /// with the minimap to find the rest (a 200-activity flow fitted to a laptop screen would be dots).
    /// </summary>
    public void ShowInitialView()
    {
        if (diagram.Container is not { Width: > 0, Height: > 0 } container || nodes.Count == 0)
        {
            return;
        }

        FitToScreen();
        if (diagram.Zoom >= ReadableZoom)
        {
            return;
        }

        const double margin = 40;
        var minX = nodes.Values.Min(n => n.Position.X);
        var minY = nodes.Values.Min(n => n.Position.Y);
        var maxY = nodes.Values.Max(n => n.Position.Y + (n.Size?.Height ?? 80));
        var panY = (maxY - minY) * ReadableZoom < container.Height - 2 * margin
            ? (container.Height - (maxY - minY) * ReadableZoom) / 2 - minY * ReadableZoom
            : margin - minY * ReadableZoom;
        diagram.Batch(() =>
        {
            diagram.SetZoom(ReadableZoom);
            diagram.SetPan(margin - minX * ReadableZoom, panY);
        });
        if (!showNavigator)
        {
            ShowNavigator = true;
        }
    }

    /// <summary>Below this zoom node names are too small to read.</summary>
    public const double ReadableZoom = 0.6;

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
        if (subscribed is not null)
        {
            subscribed.Changed -= Sync;
        }

        diagram.PointerUp -= OnPointerUp;
        diagram.SelectionChanged -= OnSelectionChanged;
        diagram.ZoomChanged -= OnZoomChanged;
        diagram.ContainerChanged -= FitOnce;
        diagram.Links.Removed -= OnLinkRemoved;
    }
}
