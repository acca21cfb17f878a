using System.Diagnostics;

namespace Portal.Bench;

/// <summary>Managed heap after a full, compacting collection, and the process's working set.</summary>
public sealed record MemorySample(long Managed, long WorkingSet)
{
    public static MemorySample Take()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var managed = GC.GetTotalMemory(forceFullCollection: true);
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return new MemorySample(managed, process.WorkingSet64);
    }

    public static Dictionary<string, double> Metrics(MemorySample before, MemorySample after, int instances) => new()
    {
        ["mem.managed"] = (double)(after.Managed - before.Managed) / instances,
        ["mem.ws"] = (double)(after.WorkingSet - before.WorkingSet) / instances,
        ["mem.managed.before"] = before.Managed / 1048576.0,
        ["mem.managed.after"] = after.Managed / 1048576.0,
        ["mem.ws.before"] = before.WorkingSet / 1048576.0,
        ["mem.ws.after"] = after.WorkingSet / 1048576.0,
    };

    public override string ToString() => $"managed {Managed / 1048576.0:F1} MB, working set {WorkingSet / 1048576.0:F1} MB";
}
