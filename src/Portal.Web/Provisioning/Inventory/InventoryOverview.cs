using Portal.Data.Library;
using Portal.Domain.Library;
using Portal.Provisioning.Inventory;

namespace Portal.Web.Provisioning.Inventory;

/// <summary>What the inventory page shows: servers and hosts as admins may see them (no BMC password), their platforms, and how full each pool is.</summary>
public sealed record InventoryOverview(
    IReadOnlyList<PhysicalServerView> Servers,
    IReadOnlyList<HypervisorHostView> Hosts,
    IReadOnlyDictionary<Guid, Platform> Platforms,
    InventoryUtilisation Utilisation)
{
    public string PlatformName(Guid id) => Platforms.TryGetValue(id, out var platform) ? platform.Name : $"Unknown platform {id.ToString("N")[..8]}";

    /// <summary>A server's pool or a host's cluster; null when the platform is gone.</summary>
    public Platform? PlatformOf(Guid id) => Platforms.GetValueOrDefault(id);

    /// <summary>Loads everything in the caller's scope.</summary>
    public static async Task<InventoryOverview> LoadAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var inventory = services.GetRequiredService<IInventoryStore>();
        var servers = await inventory.ServersAsync(cancellationToken);
        var hosts = await inventory.HostsAsync(cancellationToken);
        var platforms = await services.GetRequiredService<ImageStore>().PlatformsAsync(cancellationToken);
        return new InventoryOverview(
            servers.Select(PhysicalServerView.Of).ToList(),
            hosts.OrderBy(h => h.Name, StringComparer.Ordinal).Select(HypervisorHostView.Of).ToList(),
            platforms.ToDictionary(p => p.Id),
            InventoryUtilisation.Of(platforms, servers, hosts));
    }
}
