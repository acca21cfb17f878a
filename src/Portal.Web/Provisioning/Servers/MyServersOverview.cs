using System.Security.Claims;
using Portal.Domain.Deployments;
using Portal.Domain.Library;
using Portal.Domain.Security;
using Portal.Provisioning.Deployments;
using Portal.Provisioning.Drivers;
using Portal.Provisioning.Leases;

namespace Portal.Web.Provisioning.Servers;

/// <summary>
/// What My servers shows: the user's own servers (an admin's view: everyone's), each with its image's name, whether a
/// simulated platform plays it, and — for the user's own servers only — whether an initial password waits to be shown.
/// </summary>
public sealed record MyServersOverview(IReadOnlyList<MyServerRow> Servers, IReadOnlyList<Platform> Platforms)
{
    /// <summary>Loads everything in the caller's scope.</summary>
    public static async Task<MyServersOverview> LoadAsync(IServiceProvider services, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var owner = user.IsInRole(PortalRoles.Admin) ? null : user.Identity?.Name ?? "";
        var overview = await ServerOverview.LoadAsync(services, owner, cancellationToken);
        var library = services.GetRequiredService<IImageCatalog>();
        var deployments = services.GetRequiredService<IDeploymentStore>();
        var drivers = services.GetRequiredService<IDriverCatalog>();
        var simulated = overview.Platforms.Where(p => drivers.IsSimulated(p)).Select(p => p.Id).ToHashSet();
        var leaseBook = services.GetRequiredService<LeaseBook>();
        var leases = await leaseBook.ForServersAsync(overview.Servers.Select(r => r.Server.Id).ToList(), cancellationToken);
        var images = new Dictionary<Guid, string?>();
        var rows = new List<MyServerRow>(overview.Servers.Count);
        foreach (var row in overview.Servers)
        {
            var server = row.Server;
            if (!images.TryGetValue(server.ImageId, out var imageName))
            {
                images[server.ImageId] = imageName = (await library.FindImageAsync(server.ImageId, cancellationToken)) is { } image ? $"{image.Name} {image.Version}" : null;
            }

            var password = ServerAccess.IsOwner(user, server.Owner) && server.Status != ServerStatus.Decommissioned
                ? await InitialPasswords.StateAsync(deployments, server.DeploymentId, cancellationToken)
                : InitialPasswordState.None;
            // A server the lease keeper has not bound to its lease yet (just built) is bound on the way.
            var lease = leases.GetValueOrDefault(server.Id)
                ?? (server.Status is ServerStatus.Decommissioned ? null : await leaseBook.ForServerAsync(server.Id, cancellationToken));
            rows.Add(new MyServerRow(row, imageName, simulated.Contains(server.PlatformId), password, lease));
        }

        return new MyServersOverview(rows, overview.Platforms);
    }
}
