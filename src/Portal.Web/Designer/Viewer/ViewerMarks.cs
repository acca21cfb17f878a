namespace Portal.Web.Designer.Viewer;

/// <summary>
/// The instance the viewer's nodes draw themselves from, cascaded once to every node widget. A refresh swaps the
/// instance here and redraws only the nodes whose run changed.
/// </summary>
public sealed class ViewerMarks(InstanceDiagram instance)
{
    public InstanceDiagram Instance { get; set; } = instance;
}
