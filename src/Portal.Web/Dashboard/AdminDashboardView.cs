using Portal.Domain.Leases;
using Portal.Web.Provisioning.Inventory;

namespace Portal.Web.Dashboard;

/// <summary>
/// What an admin watches: requests over the last days by status, how long a requested server takes to run
/// (median and 90th percentile over the window's servers), who has decisions waiting, how full each pool is, and which
/// servers' leases end this week (the soonest first, and how many in all).
/// </summary>
public sealed record AdminDashboardView(
    RequestsOverTime Requests, TimeSpan? MedianToRunning, TimeSpan? P90ToRunning, int ServersMeasured,
    IReadOnlyList<ApproverLoad> PendingPerApprover, int OpenTasks, InventoryUtilisation Capacity, int WindowDays,
    IReadOnlyList<ServerLease> Expiring, int ExpiringTotal);
