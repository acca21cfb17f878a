using Portal.Domain.Leases;

namespace Portal.Provisioning.Leases;

/// <summary>
/// Lease policies and server leases. Every change the keeper makes is a conditional update (a claim) that tells
/// whether this caller made it, so two portal nodes scanning at once remind once and decommission once.
/// </summary>
public interface ILeaseStore
{
    Task<IReadOnlyList<LeasePolicy>> PoliciesAsync(CancellationToken cancellationToken);

    /// <summary>Adds or replaces the policy of its scope and subject.</summary>
    Task SavePolicyAsync(LeasePolicy policy, CancellationToken cancellationToken);

    /// <summary>False when there was none.</summary>
    Task<bool> DeletePolicyAsync(LeasePolicyScope scope, string subject, CancellationToken cancellationToken);

    Task AddAsync(IReadOnlyCollection<ServerLease> leases, CancellationToken cancellationToken);

    Task<ServerLease?> FindByDeploymentAsync(Guid deploymentId, CancellationToken cancellationToken);

    Task<ServerLease?> FindByServerAsync(Guid serverId, CancellationToken cancellationToken);

    Task<IReadOnlyList<ServerLease>> ForServersAsync(IReadOnlyCollection<Guid> serverIds, CancellationToken cancellationToken);

    /// <summary>Leases whose deployment has not yet been bound to a server, oldest first.</summary>
    Task<IReadOnlyList<ServerLease>> UnboundAsync(int max, CancellationToken cancellationToken);

    /// <summary>Binds a lease to its server (start and end set) unless another node did already; the values are the same either way.</summary>
    Task<bool> BindToServerAsync(ServerLease started, CancellationToken cancellationToken);

    /// <summary>Removes a lease whose deployment will never build a server (rejected, cancelled, failed before the server existed).</summary>
    Task RemoveAsync(Guid deploymentId, CancellationToken cancellationToken);

    /// <summary>Leases of running or stopped servers whose reminder time has come and whose current end was not reminded of yet.</summary>
    Task<IReadOnlyList<ServerLease>> DueForReminderAsync(DateTimeOffset now, int max, CancellationToken cancellationToken);

    /// <summary>
    /// Marks the reminder of <paramref name="endsAt"/> as sent and sets when the server is decommissioned (never sooner
    /// than a grace period after the reminder); true only for the one caller that marked it (the end still being that one).
    /// </summary>
    Task<bool> ClaimReminderAsync(Guid deploymentId, DateTimeOffset endsAt, DateTimeOffset decommissionAt, CancellationToken cancellationToken);

    /// <summary>
    /// Leases of running or stopped servers past their end and grace period, reminded of that end, with no extension
    /// waiting for approval and no decommission started (or a claim older than <paramref name="staleClaimBefore"/>:
    /// a node that claimed and died).
    /// </summary>
    Task<IReadOnlyList<ServerLease>> DueForDecommissionAsync(DateTimeOffset now, DateTimeOffset staleClaimBefore, int max, CancellationToken cancellationToken);

    /// <summary>Claims the decommission of a lease's end; true only for the one caller that claimed it.</summary>
    Task<bool> ClaimDecommissionAsync(Guid deploymentId, DateTimeOffset endsAt, DateTimeOffset now, DateTimeOffset staleClaimBefore, CancellationToken cancellationToken);

    Task RecordDecommissionAsync(Guid deploymentId, string? instanceId, CancellationToken cancellationToken);

    /// <summary>Leases whose decommission started and whose server is now decommissioned, not yet announced.</summary>
    Task<IReadOnlyList<ServerLease>> EndedUnannouncedAsync(int max, CancellationToken cancellationToken);

    Task<bool> ClaimEndedNoticeAsync(Guid deploymentId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Leases of running or stopped servers ending before <paramref name="before"/> (or ended, in their grace period), soonest first.</summary>
    Task<IReadOnlyList<ServerLease>> EndingBeforeAsync(DateTimeOffset before, int max, CancellationToken cancellationToken);

    /// <summary>
    /// Moves the lease's end from the one it has to <paramref name="newEnd"/> (reminder and decommission times with it)
    /// and clears a waiting extension; false when the stored end is not <paramref name="lease"/>'s any more or its
    /// decommission has been claimed.
    /// </summary>
    Task<bool> SetEndAsync(ServerLease lease, DateTimeOffset newEnd, CancellationToken cancellationToken);

    /// <summary>Records an extension waiting for approval unless one waits already; true when recorded.</summary>
    Task<bool> ClaimPendingAsync(Guid deploymentId, DateTimeOffset until, string by, CancellationToken cancellationToken);

    Task SetPendingInstanceAsync(Guid deploymentId, string instanceId, CancellationToken cancellationToken);

    Task ClearPendingAsync(Guid deploymentId, CancellationToken cancellationToken);
}
