using Portal.Data.Inventory;
using Portal.Domain.Inventory;
using Portal.Domain.Library;

namespace Portal.Web.Provisioning.Inventory;

/// <summary>
/// How full each pool is, as the inventory page charts it: for every virtual platform with hosts, the vCPUs, memory
/// and storage allocated against what is free (free room on a host in maintenance counted apart, since nothing lands
/// there); for every physical pool with servers, how many are in use, reserved, available, in maintenance or failed.
/// </summary>
public sealed record InventoryUtilisation(UtilisationChart Vcpus, UtilisationChart Memory, UtilisationChart Storage, UtilisationChart Servers)
{
    public const string Allocated = "Allocated";
    public const string Free = "Free";
    public const string FreeInMaintenance = "Free, host in maintenance";
    public const string InUse = "In use";
    public const string Reserved = "Reserved";
    public const string Available = "Available";
    public const string Maintenance = "Maintenance";
    public const string Failed = "Failed";

    private const double MiBPerGiB = 1024;

    // The theme's primary for what is taken, green for what is free, grey for what is out of service.
    private static readonly string[] VirtualColors = ["#1565c0", "#43a047", "#9e9e9e"];
    private static readonly string[] PhysicalColors = ["#1565c0", "#fb8c00", "#43a047", "#9e9e9e", "#e53935"];

    public static InventoryUtilisation Of(IEnumerable<Platform> platforms, IEnumerable<PhysicalServer> servers, IEnumerable<HypervisorHost> hosts) =>
        OfCounts(platforms, servers.GroupBy(s => (s.PlatformId, s.State)).Select(g => new ServerStateCount(g.Key.PlatformId, g.Key.State, g.Count())).ToList(), hosts);

    /// <summary>The same charts from the physical servers counted by pool and state (in SQL, at scale) rather than listed.</summary>
    public static InventoryUtilisation OfCounts(IEnumerable<Platform> platforms, IReadOnlyList<ServerStateCount> serverCounts, IEnumerable<HypervisorHost> hosts)
    {
        var known = platforms.ToList();
        var hostsByPlatform = Group(known, hosts.ToList(), h => h.PlatformId);
        var serversByPlatform = Group(known, serverCounts.Where(c => c.Count > 0).ToList(), c => c.PlatformId);

        return new InventoryUtilisation(
            Chart("vCPU", "vCPU", VirtualColors, hostsByPlatform,
                (Allocated, pool => pool.Sum(h => h.Allocated.Vcpus)),
                (Free, pool => pool.Where(h => !h.InMaintenance).Sum(h => Math.Max(0, h.FreeVcpus))),
                (FreeInMaintenance, pool => pool.Where(h => h.InMaintenance).Sum(h => Math.Max(0, h.FreeVcpus)))),
            Chart("Memory", "GiB", VirtualColors, hostsByPlatform,
                (Allocated, pool => GiB(pool.Sum(h => h.Allocated.MemoryMiB))),
                (Free, pool => GiB(pool.Where(h => !h.InMaintenance).Sum(h => Math.Max(0, h.FreeMemoryMiB)))),
                (FreeInMaintenance, pool => GiB(pool.Where(h => h.InMaintenance).Sum(h => Math.Max(0, h.FreeMemoryMiB))))),
            Chart("Storage", "GiB", VirtualColors, hostsByPlatform,
                (Allocated, pool => pool.Sum(h => h.Allocated.StorageGiB)),
                (Free, pool => pool.Where(h => !h.InMaintenance).Sum(h => Math.Max(0, h.FreeStorageGiB))),
                (FreeInMaintenance, pool => pool.Where(h => h.InMaintenance).Sum(h => Math.Max(0, h.FreeStorageGiB)))),
            Chart("Physical servers", "servers", PhysicalColors, serversByPlatform,
                (InUse, pool => pool.Where(c => c.State is ServerState.InUse or ServerState.Deploying).Sum(c => c.Count)),
                (Reserved, pool => pool.Where(c => c.State == ServerState.Reserved).Sum(c => c.Count)),
                (Available, pool => pool.Where(c => c.State == ServerState.Available).Sum(c => c.Count)),
                (Maintenance, pool => pool.Where(c => c.State == ServerState.Maintenance).Sum(c => c.Count)),
                (Failed, pool => pool.Where(c => c.State == ServerState.Failed).Sum(c => c.Count))));
    }

    /// <summary>
    /// The items per platform that has any, in the platforms' order; items of a platform that no longer exists
    /// come last, under a label that says so, rather than vanishing from the totals.
    /// </summary>
    private static List<(string Label, List<T> Items)> Group<T>(List<Platform> platforms, List<T> items, Func<T, Guid> platformOf)
    {
        var groups = items.GroupBy(platformOf).ToDictionary(g => g.Key, g => g.ToList());
        var ordered = platforms.Where(p => groups.ContainsKey(p.Id)).Select(p => (p.Name, groups[p.Id])).ToList();
        ordered.AddRange(groups.Keys.Where(id => platforms.All(p => p.Id != id)).Order()
            .Select(id => ($"Unknown platform {id.ToString("N")[..8]}", groups[id])));
        return ordered;
    }

    private static UtilisationChart Chart<T>(
        string title, string unit, string[] colors, List<(string Label, List<T> Items)> pools, params (string Name, Func<List<T>, double> Measure)[] segments) =>
        new(title, unit,
            pools.Select(p => p.Label).ToList(),
            segments.Select(s => new UtilisationSeries(s.Name, pools.Select(p => s.Measure(p.Items)).ToList())).ToList(),
            colors);

    private static double GiB(long mebibytes) => Math.Round(mebibytes / MiBPerGiB, 1);
}
