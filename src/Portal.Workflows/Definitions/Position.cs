namespace Portal.Workflows.Definitions;

/// <summary>Where the designer draws an activity. Ignored by the runtime.</summary>
public sealed record Position(double X, double Y);
