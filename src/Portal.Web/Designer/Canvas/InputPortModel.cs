using Blazor.Diagrams.Core.Models;
using Blazor.Diagrams.Core.Models.Base;

namespace Portal.Web.Designer.Canvas;

/// <summary>Where connections arrive at an activity. Connections only end here, never start.</summary>
public sealed class InputPortModel(ActivityNodeModel parent) : PortModel($"{parent.Id}:in", parent, PortAlignment.Left)
{
    public ActivityNodeModel Activity => parent;

    public override bool CanAttachTo(ILinkable other) => false;
}
