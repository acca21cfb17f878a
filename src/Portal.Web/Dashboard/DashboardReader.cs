using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Portal.Data.Dashboards;
using Portal.Data.Identity;
using Portal.Domain.Deployments;
using Portal.Domain.Leases;
using Portal.Domain.Requests;
using Portal.Provisioning.Approvals;
using Portal.Provisioning.Deployments;
using Portal.Provisioning.Inventory;
using Portal.Provisioning.Leases;
using Portal.Provisioning.Requests;
using Portal.Web.Approvals;
using Portal.Web.Provisioning.Inventory;
using Portal.Web.Requests;

namespace Portal.Web.Dashboard;

/// <summary>Reads each role's dashboard from the database: every figure bounded (a window of days, a few rows), so the home page stays quick at scale. Scoped.</summary>
public sealed class DashboardReader(
    DashboardStatistics statistics, ApprovalTasks tasks, ApprovalInbox inbox, IRequestStore requests, IDeploymentStore deployments,
    IInventoryStore inventory, IImageCatalog library, ILeaseStore leases, LeaseBook leaseBook, UserManager<PortalUser> users, TimeProvider clock)
{
    public const int WindowDays = 14;
    public const int ListedItems = 5;
    public const int ListedApprovers = 12;
    public const int ExpiringDays = 7;

    /// <summary>The most expiring leases counted: beyond it the figure reads "500+" territory, and the leases page has them all.</summary>
    public const int MaxExpiring = 500;

    private static readonly RequestStatus[] Open = [RequestStatus.PendingApproval, RequestStatus.Approved, RequestStatus.Provisioning, RequestStatus.Failed];

    public async Task<AdminDashboardView> AdminAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var first = today.AddDays(1 - WindowDays);
        var from = new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var requested = RequestsOverTime.Of(await statistics.RequestsByDayAsync(from, cancellationToken), first, today);
        var times = await statistics.TimesToRunningAsync(from, cancellationToken);
        var open = await tasks.OpenAsync(cancellationToken);
        var capacity = InventoryUtilisation.Of(
            await library.PlatformsAsync(cancellationToken), await inventory.ServersAsync(cancellationToken), await inventory.HostsAsync(cancellationToken));
        var expiring = await leases.EndingBeforeAsync(clock.GetUtcNow() + TimeSpan.FromDays(ExpiringDays), MaxExpiring, cancellationToken);
        return new AdminDashboardView(
            requested, Durations.Percentile(times, 0.5), Durations.Percentile(times, 0.9), times.Count,
            await LoadPerApproverAsync(open), open.Count, capacity, WindowDays, expiring.Take(ListedItems).ToList(), expiring.Count);
    }

    public async Task<RequesterDashboardView> RequesterAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var name = user.Identity?.Name ?? "";
        var open = new List<ServerRequest>();
        var total = 0;
        foreach (var status in Open)
        {
            var page = await requests.ListAsync(new RequestQuery { RequestedBy = name, Status = status, Take = ListedItems }, cancellationToken);
            open.AddRange(page.Items);
            total += page.Total;
        }

        var servers = (await deployments.ServersAsync(name, cancellationToken))
            .Where(s => s.Status is not ServerStatus.Decommissioned)
            .ToList();
        var held = await leaseBook.ForServersAsync(servers.Select(s => s.Id).ToList(), cancellationToken);
        var listed = servers
            .OrderBy(s => held.TryGetValue(s.Id, out var lease) && lease.EndsAt is { } end ? end : DateTimeOffset.MaxValue)
            .ThenByDescending(s => s.CreatedAt)
            .Take(ListedItems)
            .ToList();
        var shown = new Dictionary<Guid, ServerLease>();
        foreach (var server in listed)
        {
            // A server built since the keeper's last scan has its lease bound here, as its own page would.
            if ((held.GetValueOrDefault(server.Id) ?? await leaseBook.ForServerAsync(server.Id, cancellationToken)) is { } lease)
            {
                shown[server.Id] = lease;
            }
        }

        return new RequesterDashboardView(
            open.OrderByDescending(r => r.CreatedAt).Take(ListedItems).Select(RequestSummary.Of).ToList(), total, listed, servers.Count, shown);
    }

    public async Task<ApproverDashboardView> ApproverAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var waiting = await inbox.ForAsync(user, cancellationToken);
        return new ApproverDashboardView(waiting.OrderBy(t => t.CreatedAt).Take(ListedItems).ToList(), waiting.Count);
    }

    /// <summary>
    /// For every person an open task names (by name, or through a role it names), how many tasks wait for them — as
    /// their own inbox counts, so their own requests and tasks they decided already do not count. Tasks that name
    /// nobody (anyone's) are left out: they are no one approver's load.
    /// </summary>
    private async Task<IReadOnlyList<ApproverLoad>> LoadPerApproverAsync(IReadOnlyList<ApprovalTask> open)
    {
        var assigned = open.Where(t => t.Roles.Count > 0 || t.Users.Count > 0).ToList();
        var people = new Dictionary<string, (PortalUser User, HashSet<string> Roles)>(StringComparer.OrdinalIgnoreCase);
        foreach (var role in assigned.SelectMany(t => t.Roles).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            foreach (var member in await users.GetUsersInRoleAsync(role))
            {
                if (member.UserName is { } userName)
                {
                    (people.TryGetValue(userName, out var known) ? known : people[userName] = (member, new HashSet<string>(StringComparer.OrdinalIgnoreCase))).Roles.Add(role);
                }
            }
        }

        foreach (var named in assigned.SelectMany(t => t.Users).Distinct(StringComparer.OrdinalIgnoreCase).Where(n => !people.ContainsKey(n)))
        {
            if (await users.FindByNameAsync(named) is { UserName: { } userName } member)
            {
                people[userName] = (member, new HashSet<string>(StringComparer.OrdinalIgnoreCase));
            }
        }

        return people
            .Select(p => (p.Key, p.Value.User, Waiting: assigned.Where(t => t.IsWaitingFor(p.Key, p.Value.Roles)).ToList()))
            .Where(p => p.Waiting.Count > 0)
            .Select(p => new ApproverLoad(p.Key, p.User.DisplayName ?? p.Key, p.Waiting.Count, p.Waiting.Min(t => t.CreatedAt)))
            .OrderByDescending(l => l.Pending).ThenBy(l => l.OldestSince)
            .Take(ListedApprovers)
            .ToList();
    }
}
