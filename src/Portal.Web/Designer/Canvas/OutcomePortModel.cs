using Blazor.Diagrams.Core.Models;
using Blazor.Diagrams.Core.Models.Base;

namespace Portal.Web.Designer.Canvas;

/// <summary>
/// One outcome of an activity: connections start here and lead to another activity's input. An outcome the
/// activity does not declare, kept only because a connection still uses it, is <see cref="IsKnown"/> false.
/// </summary>
public sealed class OutcomePortModel(ActivityNodeModel parent, string outcome, bool isKnown)
    : PortModel($"{parent.Id}:out:{outcome}", parent, PortAlignment.Right)
{
    public ActivityNodeModel Activity => parent;

    public string Outcome => outcome;

    public bool IsKnown => isKnown;

    public override bool CanAttachTo(ILinkable other) => other is InputPortModel or ActivityNodeModel;
}
