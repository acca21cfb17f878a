using Portal.Workflows.Activities;
using Portal.Workflows.Definitions;
using Portal.Workflows.Layout;

namespace Portal.Web.Designer;

/// <summary>
/// The definition being edited in the designer, with its undo stack. Every change goes through
/// <see cref="Apply"/> as a whole new definition (the records are immutable), so undo and redo swap
/// definitions and cannot drift, and what is saved is what was loaded plus the edits.
/// </summary>
public sealed class DesignerDocument
{
    /// <summary>Enough for an afternoon's work; older steps fall off the bottom.</summary>
    public const int MaxUndo = 200;

    private readonly LinkedList<DesignerEdit> undo = new();
    private readonly Stack<DesignerEdit> redo = new();

    public DesignerDocument(WorkflowDefinition definition, bool isReadOnly = false)
    {
        Definition = definition;
        Saved = definition;
        IsReadOnly = isReadOnly;
        // A definition without positions (hand-written, imported) is drawn laid out; the layout becomes part of the
        // definition only when the admin asks for it (Auto-layout) or moves an activity, so opening changes nothing.
        ProvisionalPositions = FlowchartLayout.NeedsLayout(definition)
            ? FlowchartLayout.Arrange(definition, LayoutOptions)
            : new Dictionary<string, Position>();
    }

    /// <summary>
    /// Auto-layout in definition units: a node is 176 px wide on the canvas at <see cref="Canvas.DesignerCanvas.Scale"/>
    /// px per unit, and up to about 120 px high with three outcomes.
    /// </summary>
    public static readonly FlowchartLayoutOptions LayoutOptions = new()
    {
        NodeWidth = Canvas.DesignerCanvas.NodeWidth / Canvas.DesignerCanvas.Scale,
        NodeHeight = 75,
        LayerGap = 50,
        NodeGap = 25,
        Margin = 40,
    };

    /// <summary>An older version opened to look at: every edit is refused.</summary>
    public bool IsReadOnly { get; }

    public WorkflowDefinition Definition { get; private set; }

    /// <summary>The definition as last loaded or saved; the document is dirty when it differs.</summary>
    public WorkflowDefinition Saved { get; private set; }

    public bool IsDirty => !ReferenceEquals(Definition, Saved);

    /// <summary>Where activities without a position are drawn until someone moves them. Not part of the definition.</summary>
    public IReadOnlyDictionary<string, Position> ProvisionalPositions { get; }

    public bool CanUndo => undo.Count > 0;

    public bool CanRedo => redo.Count > 0;

    public string? UndoDescription => undo.Last?.Value.Description;

    public string? RedoDescription => redo.TryPeek(out var next) ? next.Description : null;

    /// <summary>Raised after every change of <see cref="Definition"/>: an edit, an undo or a redo.</summary>
    public event Action? Changed;

    /// <summary>
    /// Whether the last change (edit, undo or redo) only moved activities: everything but positions is the same, so
    /// what depends on anything else (the validation, the property panel) need not be computed or drawn again.
    /// </summary>
    public bool LastChangeMovedOnly { get; private set; }

    /// <summary>Where the designer draws the activity.</summary>
    public Position PositionOf(ActivityNode activity) =>
        activity.Position ?? ProvisionalPositions.GetValueOrDefault(activity.Id) ?? new Position(0, 0);

    /// <summary>Applies an edit as one undoable step; an edit that changes nothing leaves no step.</summary>
    public bool Apply(string description, Func<WorkflowDefinition, WorkflowDefinition> edit)
    {
        if (IsReadOnly)
        {
            return false;
        }

        var before = Definition;
        var after = edit(before);
        if (ReferenceEquals(after, before))
        {
            return false;
        }

        undo.AddLast(new DesignerEdit(description, before, after));
        if (undo.Count > MaxUndo)
        {
            undo.RemoveFirst();
        }

        redo.Clear();
        Change(after);
        return true;
    }

    public bool Undo()
    {
        if (IsReadOnly || undo.Last is not { } last)
        {
            return false;
        }

        undo.RemoveLast();
        redo.Push(last.Value);
        Change(last.Value.Before);
        return true;
    }

    public bool Redo()
    {
        if (IsReadOnly || !redo.TryPop(out var next))
        {
            return false;
        }

        undo.AddLast(next);
        Change(next.After);
        return true;
    }

    private void Change(WorkflowDefinition next)
    {
        LastChangeMovedOnly = DefinitionEdits.OnlyPositionsDiffer(Definition, next);
        Definition = next;
        Changed?.Invoke();
    }

    /// <summary>Remembers the current definition as the saved one (after a save draft or a publish).</summary>
    public void MarkSaved() => Saved = Definition;

    public string AddActivity(ActivityDescriptor descriptor, Position at)
    {
        var id = "";
        Apply($"Add {descriptor.DisplayName}", d => DefinitionEdits.AddActivity(d, descriptor, at, out id));
        return id;
    }

    public bool Move(IReadOnlyDictionary<string, Position> positions) =>
        Apply(positions.Count == 1 ? "Move an activity" : $"Move {positions.Count} activities", d => DefinitionEdits.Move(d, positions));

    public bool Connect(Connection connection) =>
        Apply($"Connect {connection.From} ({connection.Outcome}) to {connection.To}", d => DefinitionEdits.Connect(d, connection));

    public bool Disconnect(Connection connection) =>
        Apply($"Remove the connection {connection.From} ({connection.Outcome}) → {connection.To}", d => DefinitionEdits.Disconnect(d, connection));

    public bool Delete(IReadOnlyCollection<string> activityIds, IReadOnlyCollection<Connection> connections) =>
        Apply(activityIds.Count switch
        {
            0 => connections.Count == 1 ? "Delete a connection" : $"Delete {connections.Count} connections",
            1 => $"Delete {activityIds.First()}",
            var n => $"Delete {n} activities",
        }, d => DefinitionEdits.Delete(d, activityIds, connections));

    public bool Rename(string activityId, string? name) =>
        Apply($"Rename {activityId}", d => DefinitionEdits.Rename(d, activityId, name));

    public bool SetInput(string activityId, string input, InputValue? value) =>
        Apply($"Set {activityId}.{input}", d => DefinitionEdits.SetInput(d, activityId, input, value));

    public bool ChangeId(string activityId, string newId) =>
        Apply($"Change the id {activityId} to {newId}", d => DefinitionEdits.ChangeId(d, activityId, newId));

    public ActivityClipboard Copy(IEnumerable<string> activityIds) => DefinitionEdits.Copy(Definition, activityIds);

    public IReadOnlyList<string> Paste(ActivityClipboard clipboard, Position offset)
    {
        IReadOnlyList<string> ids = [];
        Apply(clipboard.Activities.Count == 1 ? "Paste an activity" : $"Paste {clipboard.Activities.Count} activities",
            d => DefinitionEdits.Paste(d, clipboard, offset, out ids));
        return ids;
    }

    /// <summary>Lays every activity out left to right in layers (one undoable step), whatever positions they had.</summary>
    public bool AutoLayout() =>
        Apply("Auto-layout", d =>
        {
            var positions = FlowchartLayout.Arrange(d, LayoutOptions);
            return d.Activities.All(a => a.Position == positions[a.Id])
                ? d
                : d with { Activities = [.. d.Activities.Select(a => a with { Position = positions[a.Id] })] };
        });

    /// <summary>Edits the workflow's own fields (name, description, inputs, variables) as one step.</summary>
    public bool EditWorkflow(string description, Func<WorkflowDefinition, WorkflowDefinition> edit) => Apply(description, edit);
}
