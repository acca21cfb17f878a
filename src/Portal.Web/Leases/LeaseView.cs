using Portal.Domain.Leases;

namespace Portal.Web.Leases;

/// <summary>
/// A server's lease as the API shows it: when it ends, when the owner is reminded and when the server is decommissioned,
/// an extension waiting for approval, the terms and their policy, and the latest end an extension asked now may reach.
/// </summary>
public sealed record LeaseView(
    Guid? ServerId, string? Server, string Owner, string? ServerStatus, int Days, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt,
    DateTimeOffset? RemindAt, bool Reminded, DateTimeOffset? DecommissionAt, DateTimeOffset? PendingUntil, string? PendingInstanceId,
    string State, string Policy, LeaseTermsView Terms, DateTimeOffset LatestEnd)
{
    public static LeaseView Of(ServerLease lease, DateTimeOffset now, string? serverStatus = null) => new(
        lease.ServerId, lease.ServerName, lease.Owner, serverStatus, lease.Days, lease.StartsAt, lease.EndsAt, lease.RemindAt,
        lease.RemindedFor is { } reminded && reminded == lease.EndsAt, lease.DecommissionAt, lease.PendingUntil, lease.PendingInstanceId,
        LeaseStates.Of(lease, now).ToString(), lease.PolicySource, LeaseTermsView.Of(lease.Terms), lease.LatestEnd(now));
}
