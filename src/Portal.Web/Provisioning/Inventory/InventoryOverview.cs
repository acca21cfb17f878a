using Portal.Data.Inventory;
using Portal.Data.Library;
using Portal.Domain.Library;
using Portal.Provisioning.Inventory;

namespace Portal.Web.Provisioning.Inventory;

/// <summary>
/// What the inventory page shows above its tables: how many physical servers there are, the hosts as admins may see
/// them (no BMC password), the platforms, and how full each pool is. The physical servers themselves are read a page at
/// a time by the table (<see cref="InventoryListReader"/>); they are counted by pool and state in SQL. Hosts are few
/// (one per hypervisor, tens in a datacenter) and their free capacity needs the whole host, so they are read whole.
/// </summary>
public sealed record InventoryOverview(
    int ServerCount,
    IReadOnlyList<HypervisorHostView> Hosts,
    IReadOnlyDictionary<Guid, Platform> Platforms,
    InventoryUtilisation Utilisation)
{
    public string PlatformName(Guid id) => Platforms.TryGetValue(id, out var platform) ? platform.Name : $"Unknown platform {id.ToString("N")[..8]}";

    /// <summary>A server's pool or a host's cluster; null when the platform is gone.</summary>
    public Platform? PlatformOf(Guid id) => Platforms.GetValueOrDefault(id);

    /// <summary>Loads the counts, hosts and platforms in the caller's scope.</summary>
    public static async Task<InventoryOverview> LoadAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var counts = await services.GetRequiredService<InventoryListReader>().ServerCountsAsync(cancellationToken);
        var hosts = await services.GetRequiredService<IInventoryStore>().HostsAsync(cancellationToken);
        var platforms = await services.GetRequiredService<ImageStore>().PlatformsAsync(cancellationToken);
        return new InventoryOverview(
            counts.Sum(c => c.Count),
            hosts.OrderBy(h => h.Name, StringComparer.Ordinal).Select(HypervisorHostView.Of).ToList(),
            platforms.ToDictionary(p => p.Id),
            InventoryUtilisation.OfCounts(platforms, counts, hosts));
    }
}
