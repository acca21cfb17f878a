using System.Globalization;

namespace Portal.Pages.Bench;

/// <summary>The portal's memory before and after K circuits were opened on one page, and the difference per circuit.</summary>
public sealed record CircuitMemory(string Page, int Circuits, MemorySnapshot Before, MemorySnapshot After)
{
    public string Describe()
    {
        var rss = (After.ResidentBytes - Before.ResidentBytes) / (double)Circuits / 1024;
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture,
                $"memory per circuit ({Circuits} browser pages on {Page}): working set {Before.ResidentBytes / 1048576.0:F1} MB → {After.ResidentBytes / 1048576.0:F1} MB, {rss:F0} KiB per circuit"),
        };
        if (Before.GcHeapBytes is { } before && After.GcHeapBytes is { } after)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"  GC heap {before / 1048576.0:F1} MB → {after / 1048576.0:F1} MB, {(after - before) / (double)Circuits / 1024:F0} KiB per circuit"));
        }

        lines.Add("  " + After.MetricsNote);
        return string.Join(Environment.NewLine, lines);
    }
}
