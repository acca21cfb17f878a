using Portal.Data.Library;
using Portal.Domain.Library;
using Portal.Provisioning.Deployments;
using Portal.Provisioning.Inventory;

namespace Portal.Web.Provisioning.Servers;

/// <summary>What the servers page shows: every deployed server with its platform's name and the hardware under it, and the platforms to migrate to.</summary>
public sealed record ServerOverview(IReadOnlyList<ServerRow> Servers, IReadOnlyList<Platform> Platforms)
{
    /// <summary>Loads everything in the caller's scope: one owner's servers, or everyone's when <paramref name="owner"/> is null.</summary>
    public static async Task<ServerOverview> LoadAsync(IServiceProvider services, string? owner, CancellationToken cancellationToken)
    {
        var servers = await services.GetRequiredService<IDeploymentStore>().ServersAsync(owner, cancellationToken);
        var platforms = await services.GetRequiredService<ImageStore>().PlatformsAsync(cancellationToken);
        var inventory = services.GetRequiredService<IInventoryStore>();
        var hosts = (await inventory.HostsAsync(cancellationToken)).ToDictionary(h => h.Id, h => h.Name);
        var machines = (await inventory.ServersAsync(cancellationToken)).ToDictionary(s => s.Id, s => s.Name);
        var names = platforms.ToDictionary(p => p.Id, p => p.Name);
        return new ServerOverview(
            servers.Select(DeployedServerView.Of).Select(s => new ServerRow(
                s,
                names.GetValueOrDefault(s.PlatformId, $"Platform {s.PlatformId.ToString("N")[..8]} (removed)"),
                s switch
                {
                    { HostId: { } host } when hosts.TryGetValue(host, out var name) => $"on host {name}",
                    { PhysicalServerId: { } server } when machines.TryGetValue(server, out var name) => $"on server {name}",
                    _ => null,
                },
                platforms.FirstOrDefault(p => p.Id == s.PlatformId))).ToList(),
            platforms);
    }
}
