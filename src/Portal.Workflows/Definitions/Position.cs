using Portal.Workflows.Definitions.Format;

namespace Portal.Workflows.Definitions;

/// <summary>Where the designer draws an activity. Ignored by the runtime.</summary>
[FormatObject("position", "Position", "Where the designer draws the activity, in pixels from the top left of the canvas. Ignored when the workflow runs.")]
public sealed record Position(
    [property: FormatMember("X", "Horizontal position in pixels.")] double X,
    [property: FormatMember("Y", "Vertical position in pixels.")] double Y);
