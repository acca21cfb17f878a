using Microsoft.AspNetCore.Components;
using Portal.Web.Designer.Canvas;
using Portal.Workflows.Activities;
using Portal.Workflows.Definitions;
using Portal.Workflows.Definitions.Diff;

namespace Portal.Web.Designer.History;

/// <summary>
/// Two versions side by side, each on a read-only canvas: on the left what was removed (red) and changed (amber),
/// on the right what was added (green) and changed; below, the lists of activities added, removed and changed (with
/// the fields) and connections added and removed, from <see cref="DefinitionDiff"/>.
/// </summary>
public sealed partial class DefinitionDiffView
{
    private DefinitionDifference difference = new([], [], [], [], [], []);
    private DesignerDocument beforeDocument = null!;
    private DesignerDocument afterDocument = null!;
    private IReadOnlyDictionary<string, ActivityMark> beforeMarks = new Dictionary<string, ActivityMark>();
    private IReadOnlyDictionary<string, ActivityMark> afterMarks = new Dictionary<string, ActivityMark>();
    private (WorkflowDefinition, WorkflowDefinition)? compared;

    [Parameter, EditorRequired] public WorkflowDefinition Before { get; set; } = null!;

    [Parameter, EditorRequired] public WorkflowDefinition After { get; set; } = null!;

    [Parameter] public string BeforeLabel { get; set; } = "Before";

    [Parameter] public string AfterLabel { get; set; } = "After";

    [Parameter, EditorRequired] public ActivityRegistry Activities { get; set; } = null!;

    /// <summary>Draws the two canvases (off only where there is no browser to size them).</summary>
    [Parameter] public bool ShowCanvases { get; set; } = true;

    protected override void OnParametersSet()
    {
        if (compared is var (b, a) && ReferenceEquals(b, Before) && ReferenceEquals(a, After))
        {
            return;
        }

        compared = (Before, After);
        difference = DefinitionDiff.Compare(Before, After);
        beforeDocument = new DesignerDocument(Before, isReadOnly: true);
        afterDocument = new DesignerDocument(After, isReadOnly: true);
        var changed = difference.ChangedActivities.Where(c => !c.IsLayoutOnly).Select(c => c.Id).ToList();
        beforeMarks = difference.RemovedActivities.Select(a => (a.Id, ActivityMark.Removed))
            .Concat(changed.Select(id => (id, ActivityMark.Changed)))
            .DistinctBy(p => p.Item1).ToDictionary(p => p.Item1, p => p.Item2, StringComparer.Ordinal);
        afterMarks = difference.AddedActivities.Select(a => (a.Id, ActivityMark.Added))
            .Concat(changed.Select(id => (id, ActivityMark.Changed)))
            .DistinctBy(p => p.Item1).ToDictionary(p => p.Item1, p => p.Item2, StringComparer.Ordinal);
    }

    private static string Describe(Connection connection) => $"{connection.From} ({connection.Outcome}) → {connection.To}";
}
