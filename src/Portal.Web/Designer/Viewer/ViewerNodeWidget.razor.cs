using Blazor.Diagrams.Core.Models;
using Microsoft.AspNetCore.Components;
using Portal.Web.Designer.Canvas;

namespace Portal.Web.Designer.Viewer;

/// <summary>
/// An activity in the viewer: the designer's node, framed by how it stands in the instance — a tick when it
/// completed, a pulsing frame where a bookmark waits, red with the incident's message where it faulted, greyed
/// when it never ran. Redrawn only when its node is refreshed.
/// </summary>
public sealed partial class ViewerNodeWidget
{
    /// <summary>The node to draw; the diagram passes it by this name.</summary>
    [Parameter] public NodeModel Node { get; set; } = null!;

    /// <summary>The instance the marks come from, cascaded by <see cref="ViewerCanvas"/>.</summary>
    [CascadingParameter] public ViewerMarks Marks { get; set; } = null!;

    private ActivityNodeModel Model => (ActivityNodeModel)Node;

    private ActivityRun Run => Marks.Instance.RunOf(Model.Activity.Id);

    private string Runs => Run.Steps.Select(s => s.ExecutionId).Distinct().Count().ToString(System.Globalization.CultureInfo.InvariantCulture) + "×";

    private string Label => ViewerText.MarkLabel(Run.Mark);

    private string Title => $"{Model.Activity.DisplayName}: {Label}. Click for its journal.";

    private string BadgeIcon => ViewerText.MarkIcon(Run.Mark);
}
