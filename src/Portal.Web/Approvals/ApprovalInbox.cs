using System.Security.Claims;
using Portal.Domain.Security;
using Portal.Provisioning.Approvals;
using Portal.Provisioning.Deployments;
using Portal.Provisioning.Inventory;
using Portal.Provisioning.Requests;

namespace Portal.Web.Approvals;

/// <summary>The approval inbox for the pages and the API: a person's open tasks, oldest first, each with its request and what it takes. Scoped.</summary>
public sealed class ApprovalInbox(ApprovalTasks tasks, IRequestStore requests, IImageCatalog library, IInventoryStore inventory)
{
    public async Task<IReadOnlyList<InboxItem>> ForAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var open = await tasks.InboxAsync(user.Identity?.Name ?? "", RolesOf(user), cancellationToken);
        if (open.Count == 0)
        {
            return [];
        }

        var byId = (await requests.FindManyAsync(open.Select(t => t.RequestId).OfType<Guid>().Distinct().ToList(), cancellationToken)).ToDictionary(r => r.Id);
        var platforms = await library.PlatformsAsync(cancellationToken);
        var hosts = await inventory.HostsAsync(cancellationToken);
        var servers = await inventory.ServersAsync(cancellationToken);
        return open.Select(t =>
        {
            var request = t.RequestId is { } id ? byId.GetValueOrDefault(id) : null;
            var platform = request?.PlatformId is { } platformId ? platforms.FirstOrDefault(p => p.Id == platformId)?.Name : null;
            return InboxItem.Of(t, request, request is null ? null : CapacityImpact.Of(request, platforms, hosts, servers), platform);
        }).ToList();
    }

    /// <summary>How many tasks wait for this person: the drawer's badge. Reads the open tasks only, not their requests.</summary>
    public async Task<int> CountAsync(ClaimsPrincipal user, CancellationToken cancellationToken) =>
        (await tasks.InboxAsync(user.Identity?.Name ?? "", RolesOf(user), cancellationToken)).Count;

    public Task<DecisionResult> DecideAsync(ClaimsPrincipal user, string taskId, string outcome, string? comment, CancellationToken cancellationToken) =>
        tasks.DecideAsync(taskId, user.Identity?.Name ?? "", RolesOf(user), outcome, comment, cancellationToken);

    public static IReadOnlyList<string> RolesOf(ClaimsPrincipal user) => PortalRoles.All.Where(user.IsInRole).ToList();
}
