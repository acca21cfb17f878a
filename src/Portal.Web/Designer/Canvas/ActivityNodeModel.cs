using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;
using Blazor.Diagrams.Core.Models.Base;
using Portal.Workflows.Activities;
using Portal.Workflows.Definitions;

namespace Portal.Web.Designer.Canvas;

/// <summary>
/// An activity on the canvas: the definition's node, its descriptor (null for a type this portal does not know),
/// an input port and one output port per outcome. The widget re-renders only when this model is refreshed.
/// </summary>
public sealed class ActivityNodeModel : NodeModel
{
    public ActivityNodeModel(ActivityNode activity, ActivityDescriptor? descriptor, Point position, IReadOnlyList<OutcomeSlot> outcomes)
        : base(activity.Id, position)
    {
        Activity = activity;
        Descriptor = descriptor;
        Input = (InputPortModel)AddPort(new InputPortModel(this));
        Outcomes = outcomes.Select(o => (OutcomePortModel)AddPort(new OutcomePortModel(this, o.Name, o.IsKnown))).ToList();
    }

    public ActivityNode Activity { get; set; }

    public ActivityDescriptor? Descriptor { get; }

    public InputPortModel Input { get; }

    public IReadOnlyList<OutcomePortModel> Outcomes { get; }

    /// <summary>The last validation found something to fix here.</summary>
    public bool HasErrors { get; set; }

    /// <summary>Picked from the error list: drawn with a halo until something else is picked.</summary>
    public bool Highlighted { get; set; }

    /// <summary>What the activity did in the run the canvas shows; <see cref="ActivityMark.None"/> in the designer.</summary>
    public ActivityMark Mark { get; set; }

    /// <summary>A short note drawn on the node in a run (e.g. "×3" for an activity that ran three times), or null.</summary>
    public string? Badge { get; set; }

    public bool HasSameOutcomes(IReadOnlyList<OutcomeSlot> outcomes) =>
        outcomes.Count == Outcomes.Count && outcomes.Zip(Outcomes).All(p => p.First.Name == p.Second.Outcome && p.First.IsKnown == p.Second.IsKnown);

    public override bool CanAttachTo(ILinkable other) => false;
}
