using Blazor.Diagrams.Core.Models;
using Microsoft.AspNetCore.Components;

namespace Portal.Web.Designer.Canvas;

/// <summary>
/// How an activity is drawn: its category's colour, its icon, its name and type, an input dot on the left and one
/// labelled dot per outcome on the right. Rendered by the diagram's node renderer, once per node, and again only
/// when that node is refreshed — moving one node never redraws the others.
/// </summary>
public sealed partial class ActivityNodeWidget
{
    /// <summary>The node to draw; the diagram passes it by this name.</summary>
    [Parameter] public NodeModel Node { get; set; } = null!;

    private ActivityNodeModel Model => (ActivityNodeModel)Node;

    private string Color => ActivityAppearance.ColorFor(Model.Descriptor?.Category);

    private string Icon => ActivityAppearance.IconFor(Model.Descriptor, Model.Activity.Type);

    private string TypeLabel => Model.Descriptor is { } d ? d.DisplayName : $"{Model.Activity.Type} (unknown type)";

    private string MarkClass => Model.Mark switch
    {
        ActivityMark.Completed => "mark-completed",
        ActivityMark.Current => "mark-current",
        ActivityMark.Faulted => "mark-faulted",
        ActivityMark.Added => "mark-added",
        ActivityMark.Removed => "mark-removed",
        ActivityMark.Changed => "mark-changed",
        _ => "",
    };

    private string Tooltip => Model.Descriptor?.Description is { } description
        ? $"{Model.Activity.Id} · {Model.Activity.Type}: {description}"
        : $"{Model.Activity.Id} · {Model.Activity.Type}";
}
