namespace Portal.Domain.Library;

/// <summary>The one-line hardware description used on cards and rows: "4 vCPU · 8 GiB · 80 GiB".</summary>
public static class HardwareSummary
{
    public static string Describe(IEnumerable<(ResourceType Type, Quantity Amount)> resources)
    {
        var list = resources.ToList();
        var parts = new List<string>();
        var cpus = list.Where(r => r.Type == ResourceType.Processor).Sum(r => r.Amount.Value);
        if (cpus > 0)
        {
            parts.Add($"{cpus:0} vCPU");
        }

        parts.AddRange(list.Where(r => r.Type == ResourceType.Memory).Select(r => r.Amount.ToString()));
        parts.AddRange(list.Where(r => r.Type == ResourceType.Disk).Select(r => r.Amount.ToString()));
        var gpus = list.Where(r => r.Type == ResourceType.Gpu).Sum(r => r.Amount.Value);
        if (gpus > 0)
        {
            parts.Add($"{gpus:0} GPU");
        }

        return string.Join(" · ", parts);
    }
}
