namespace Portal.Web.Designer.Canvas;

/// <summary>An outcome port to draw: its name, and whether the activity declares it (or only a connection uses it).</summary>
public sealed record OutcomeSlot(string Name, bool IsKnown);
