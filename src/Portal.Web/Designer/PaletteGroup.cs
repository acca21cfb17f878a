using Portal.Workflows.Activities;

namespace Portal.Web.Designer;

/// <summary>One category of the palette with its activities, in the order shown.</summary>
public sealed record PaletteGroup(string Category, IReadOnlyList<ActivityDescriptor> Activities);
