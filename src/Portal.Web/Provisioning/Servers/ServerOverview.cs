using Portal.Data.Deployments;
using Portal.Data.Library;
using Portal.Domain.Deployments;
using Portal.Domain.Library;
using Portal.Provisioning.Deployments;
using Portal.Provisioning.Inventory;

namespace Portal.Web.Provisioning.Servers;

/// <summary>What the servers page shows: every deployed server with its platform's name and the hardware under it, and the platforms to migrate to.</summary>
public sealed record ServerOverview(IReadOnlyList<ServerRow> Servers, IReadOnlyList<Platform> Platforms)
{
    /// <summary>
    /// One page of the servers in name order (decommissioned ones only when asked), with the names of the machines
    /// under them and every platform: a COUNT, one query for the page and one per kind of machine, whatever the page size.
    /// </summary>
    public static async Task<(ServerOverview Page, int Total)> PageAsync(
        IServiceProvider services, string? owner, bool includeDecommissioned, int page, int pageSize, CancellationToken cancellationToken)
    {
        var reader = services.GetRequiredService<DeploymentListReader>();
        var found = await reader.ServerPageAsync(owner, includeDecommissioned, page, pageSize, cancellationToken);
        var platforms = await services.GetRequiredService<ImageStore>().PlatformsAsync(cancellationToken);
        var (hosts, machines) = await reader.MachineNamesAsync(
            found.Items.Where(s => s.HostId is not null).Select(s => s.HostId!.Value),
            found.Items.Where(s => s.PhysicalServerId is not null).Select(s => s.PhysicalServerId!.Value), cancellationToken);
        return (new ServerOverview(Rows(found.Items, platforms, hosts, machines), platforms), found.Total);
    }

    /// <summary>Loads everything in the caller's scope: one owner's servers, or everyone's when <paramref name="owner"/> is null.</summary>
    public static async Task<ServerOverview> LoadAsync(IServiceProvider services, string? owner, CancellationToken cancellationToken)
    {
        var servers = await services.GetRequiredService<IDeploymentStore>().ServersAsync(owner, cancellationToken);
        var platforms = await services.GetRequiredService<ImageStore>().PlatformsAsync(cancellationToken);
        var inventory = services.GetRequiredService<IInventoryStore>();
        var hosts = (await inventory.HostsAsync(cancellationToken)).ToDictionary(h => h.Id, h => h.Name);
        var machines = (await inventory.ServersAsync(cancellationToken)).ToDictionary(s => s.Id, s => s.Name);
        return new ServerOverview(Rows(servers, platforms, hosts, machines), platforms);
    }

    private static List<ServerRow> Rows(
        IEnumerable<DeployedServer> servers, IReadOnlyList<Platform> platforms, IReadOnlyDictionary<Guid, string> hosts, IReadOnlyDictionary<Guid, string> machines)
    {
        var names = platforms.ToDictionary(p => p.Id, p => p.Name);
        return servers.Select(DeployedServerView.Of).Select(s => new ServerRow(
            s,
            names.GetValueOrDefault(s.PlatformId, $"Platform {s.PlatformId.ToString("N")[..8]} (removed)"),
            s switch
            {
                { HostId: { } host } when hosts.TryGetValue(host, out var name) => $"on host {name}",
                { PhysicalServerId: { } server } when machines.TryGetValue(server, out var name) => $"on server {name}",
                _ => null,
            },
            platforms.FirstOrDefault(p => p.Id == s.PlatformId))).ToList();
    }
}
