using Portal.Workflows.Activities;

namespace Portal.Web.Designer;

/// <summary>
/// The palette's content: every registered activity's descriptor, grouped by category, filtered by a search
/// that matches the name, type, category or description. Nothing is listed by hand, so an activity registered
/// in DI appears by itself.
/// </summary>
public static class PaletteCatalog
{
    /// <summary>The categories people reach for most come first; any other follows alphabetically.</summary>
    private static readonly string[] Preferred = ["Flow", "Human", "Timers", "Events", "Primitives", "Composition", "Requests", "Provisioning"];

    public static IReadOnlyList<PaletteGroup> Group(IEnumerable<ActivityDescriptor> descriptors, string? search)
    {
        var terms = (search ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return descriptors
            .Where(d => terms.All(t => Matches(d, t)))
            .GroupBy(d => d.Category, StringComparer.Ordinal)
            .OrderBy(g => Array.IndexOf(Preferred, g.Key) is var i and >= 0 ? i : Preferred.Length)
            .ThenBy(g => g.Key, StringComparer.OrdinalIgnoreCase)
            .Select(g => new PaletteGroup(g.Key, g.OrderBy(d => d.DisplayName, StringComparer.OrdinalIgnoreCase).ToList()))
            .ToList();
    }

    private static bool Matches(ActivityDescriptor descriptor, string term) =>
        descriptor.DisplayName.Contains(term, StringComparison.OrdinalIgnoreCase)
        || descriptor.Type.Contains(term, StringComparison.OrdinalIgnoreCase)
        || descriptor.Category.Contains(term, StringComparison.OrdinalIgnoreCase)
        || descriptor.Description?.Contains(term, StringComparison.OrdinalIgnoreCase) == true;
}
