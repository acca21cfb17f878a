using Microsoft.Extensions.Logging;
using Portal.Domain.Audit;
using Portal.Domain.Deployments;
using Portal.Domain.Leases;
using Portal.Domain.Notifications;
using Portal.Provisioning.Deployments;

namespace Portal.Provisioning.Leases;

/// <summary>
/// One scan of the leases, in order: bind new servers to their leases; remind owners whose lease ends within the
/// reminder lead; start server-decommission for servers past their end and grace period (only once reminded, and never
/// sooner than a grace period after the reminder); announce the end once the server is decommissioned. Each action is
/// claimed by a conditional update first, so with two portal nodes scanning at once a reminder is sent once and a
/// decommission starts once. Time is the <see cref="TimeProvider"/>'s.
/// </summary>
public sealed partial class LeaseSweep(
    ILeaseStore store, IDeploymentStore deployments, ProvisioningWorkflows workflows, IAuditLog audit, LeaseNotices notices,
    TimeProvider clock, ILogger<LeaseSweep> logger)
{
    /// <summary>How long a claimed decommission may go without its workflow before another scan claims it again (the claiming node died).</summary>
    public static readonly TimeSpan ClaimTimeout = TimeSpan.FromMinutes(10);

    private const int Batch = 200;

    public async Task<LeaseSweepResult> RunAsync(CancellationToken cancellationToken)
    {
        var bound = await BindToServerAsync(cancellationToken);
        var reminded = await RemindAsync(cancellationToken);
        var decommissioned = await DecommissionAsync(cancellationToken);
        var announced = await AnnounceAsync(cancellationToken);
        return new LeaseSweepResult(bound, reminded, decommissioned, announced);
    }

    private async Task<int> BindToServerAsync(CancellationToken cancellationToken)
    {
        var count = 0;
        foreach (var lease in await store.UnboundAsync(Batch, cancellationToken))
        {
            if (await deployments.FindServerByDeploymentAsync(lease.DeploymentId, cancellationToken) is { } server)
            {
                count += await store.BindToServerAsync(lease.StartedFor(server.Id, server.Name, server.CreatedAt), cancellationToken) ? 1 : 0;
            }
            else if (await deployments.FindAsync(lease.DeploymentId, cancellationToken) is null or { Status: DeploymentStatus.Cancelled or DeploymentStatus.Failed })
            {
                // Rejected, withdrawn, or failed before a server existed: there is nothing to lease.
                await store.RemoveAsync(lease.DeploymentId, cancellationToken);
            }
        }

        return count;
    }

    private async Task<int> RemindAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var count = 0;
        foreach (var lease in await store.DueForReminderAsync(now, Batch, cancellationToken))
        {
            var end = lease.EndsAt!.Value;
            // A late reminder (the portal was down) still leaves the owner a full grace period to react.
            var decommissionAt = Max(end + lease.Terms.Grace, now + lease.Terms.Grace);
            if (!await store.ClaimReminderAsync(lease.DeploymentId, end, decommissionAt, cancellationToken))
            {
                continue;
            }

            var name = lease.ServerName ?? lease.DeploymentId.ToString();
            await notices.SendAsync(new Notification(NotificationKind.LeaseExpiring, lease.Owner, $"{name} ends its lease {LeaseNotices.Day(end)}",
                $"The lease of {name} ends {LeaseNotices.Day(end)}. Unless it is extended, the server is decommissioned on {LeaseNotices.Day(decommissionAt)} and its disks are wiped. Extend it on My servers.",
                LeaseNotices.Link) { Key = $"{lease.DeploymentId}:{end.UtcTicks}" }, cancellationToken);
            LogReminded(name, lease.Owner, end);
            count++;
        }

        return count;
    }

    private async Task<int> DecommissionAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var stale = now - ClaimTimeout;
        var count = 0;
        foreach (var lease in await store.DueForDecommissionAsync(now, stale, Batch, cancellationToken))
        {
            if (!await store.ClaimDecommissionAsync(lease.DeploymentId, lease.EndsAt!.Value, now, stale, cancellationToken))
            {
                continue;
            }

            var serverId = lease.ServerId!.Value;
            var name = lease.ServerName ?? serverId.ToString();
            var started = await audit.RecordWithAsync(
                new AuditEntry(AuditAction.LeaseExpired, AuditTarget.Server(serverId, name),
                    $"Ended {LeaseNotices.Day(lease.EndsAt.Value)}; grace period over: server-decommission started."),
                () => workflows.DecommissionAsync(serverId, cancellationToken), result => result.IsValid, cancellationToken);
            if (!started.IsValid)
            {
                // The claim stays: another scan tries again once it is stale (the server may be busy being migrated).
                LogNotDecommissioned(name, string.Join(" ", started.Errors.Select(e => e.Message)));
                continue;
            }

            await store.RecordDecommissionAsync(lease.DeploymentId, started.Value.InstanceId, cancellationToken);
            LogDecommissioning(name, lease.Owner, started.Value.InstanceId);
            count++;
        }

        return count;
    }

    private async Task<int> AnnounceAsync(CancellationToken cancellationToken)
    {
        var count = 0;
        foreach (var lease in await store.EndedUnannouncedAsync(Batch, cancellationToken))
        {
            if (!await store.ClaimEndedNoticeAsync(lease.DeploymentId, clock.GetUtcNow(), cancellationToken))
            {
                continue;
            }

            var name = lease.ServerName ?? lease.DeploymentId.ToString();
            await notices.SendAsync(new Notification(NotificationKind.LeaseEnded, lease.Owner, $"{name} was decommissioned",
                $"The lease of {name} ended {LeaseNotices.Day(lease.EndsAt!.Value)} and its grace period is over: the server was decommissioned and its hardware given back.",
                LeaseNotices.Link) { Key = lease.DeploymentId.ToString() }, cancellationToken);
            count++;
        }

        return count;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminded {Owner} that the lease of {Server} ends {End}")]
    private partial void LogReminded(string server, string owner, DateTimeOffset end);

    [LoggerMessage(Level = LogLevel.Information, Message = "The lease of {Server} ({Owner}) is over: decommission {InstanceId} started")]
    private partial void LogDecommissioning(string server, string owner, string instanceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The lease of {Server} is over but its decommission did not start: {Reason}")]
    private partial void LogNotDecommissioned(string server, string reason);
}
