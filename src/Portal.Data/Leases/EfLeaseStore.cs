using Microsoft.EntityFrameworkCore;
using Portal.Data.Deployments;
using Portal.Domain.Deployments;
using Portal.Domain.Leases;
using Portal.Provisioning.Leases;

namespace Portal.Data.Leases;

/// <summary>
/// Lease policies and server leases on the portal database. The keeper's steps are single conditional UPDATEs
/// (ExecuteUpdate): the row count says whether this caller made the change, which is what makes two nodes safe.
/// </summary>
public sealed class EfLeaseStore(PortalDbContext db) : ILeaseStore
{
    private static readonly ServerStatus[] Alive = [ServerStatus.Running, ServerStatus.Stopped];

    private IQueryable<ServerLeaseRecord> Leases => db.Set<ServerLeaseRecord>().AsNoTracking();

    /// <summary>Leases whose server is running or stopped (a lease of a server gone or broken asks nothing of anyone).</summary>
    private IQueryable<ServerLeaseRecord> AliveLeases =>
        Leases.Where(l => db.Set<DeployedServerRecord>().Any(s => s.Id == l.ServerId && Alive.Contains(s.Status)));

    public async Task<IReadOnlyList<LeasePolicy>> PoliciesAsync(CancellationToken cancellationToken) =>
        (await db.Set<LeasePolicyRecord>().AsNoTracking().ToListAsync(cancellationToken))
            .Select(p => new LeasePolicy
            {
                Scope = p.Scope, Subject = p.Subject, SubjectName = p.SubjectName,
                Terms = new LeaseTerms(p.DefaultDays, p.MaxDays, p.ExtensionNeedsApproval, p.ReminderDays, p.GraceDays),
                UpdatedBy = p.UpdatedBy, UpdatedAt = p.UpdatedAt,
            })
            .OrderBy(p => p.Scope).ThenBy(p => p.SubjectName, StringComparer.OrdinalIgnoreCase)
            .ToList();

    public async Task SavePolicyAsync(LeasePolicy policy, CancellationToken cancellationToken)
    {
        var record = await db.Set<LeasePolicyRecord>().FirstOrDefaultAsync(p => p.Key == policy.Key, cancellationToken);
        if (record is null)
        {
            record = new LeasePolicyRecord { Key = policy.Key };
            db.Add(record);
        }

        record.Scope = policy.Scope;
        record.Subject = policy.Subject;
        record.SubjectName = policy.SubjectName;
        record.DefaultDays = policy.Terms.DefaultDays;
        record.MaxDays = policy.Terms.MaxDays;
        record.ExtensionNeedsApproval = policy.Terms.ExtensionNeedsApproval;
        record.ReminderDays = policy.Terms.ReminderDays;
        record.GraceDays = policy.Terms.GraceDays;
        record.UpdatedBy = policy.UpdatedBy;
        record.UpdatedAt = policy.UpdatedAt;
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(record).State = EntityState.Detached;
    }

    public async Task<bool> DeletePolicyAsync(LeasePolicyScope scope, string subject, CancellationToken cancellationToken)
    {
        var key = LeasePolicy.KeyOf(scope, subject);
        return await db.Set<LeasePolicyRecord>().Where(p => p.Key == key).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    public async Task AddAsync(IReadOnlyCollection<ServerLease> leases, CancellationToken cancellationToken)
    {
        var records = leases.Select(ToRecord).ToList();
        db.AddRange(records);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var record in records)
        {
            db.Entry(record).State = EntityState.Detached;
        }
    }

    public async Task<ServerLease?> FindByDeploymentAsync(Guid deploymentId, CancellationToken cancellationToken) =>
        await Leases.FirstOrDefaultAsync(l => l.DeploymentId == deploymentId, cancellationToken) is { } record ? Read(record) : null;

    public async Task<ServerLease?> FindByServerAsync(Guid serverId, CancellationToken cancellationToken) =>
        await Leases.FirstOrDefaultAsync(l => l.ServerId == serverId, cancellationToken) is { } record ? Read(record) : null;

    public async Task<IReadOnlyList<ServerLease>> ForServersAsync(IReadOnlyCollection<Guid> serverIds, CancellationToken cancellationToken)
    {
        var ids = serverIds.Cast<Guid?>().ToList();
        return (await Leases.Where(l => ids.Contains(l.ServerId)).ToListAsync(cancellationToken)).Select(Read).ToList();
    }

    public async Task<IReadOnlyList<ServerLease>> UnboundAsync(int max, CancellationToken cancellationToken) =>
        (await Leases.Where(l => l.ServerId == null).OrderBy(l => l.CreatedAt).Take(max).ToListAsync(cancellationToken)).Select(Read).ToList();

    public async Task<bool> BindToServerAsync(ServerLease started, CancellationToken cancellationToken) =>
        await db.Set<ServerLeaseRecord>()
            .Where(l => l.DeploymentId == started.DeploymentId && l.ServerId == null)
            .ExecuteUpdateAsync(set => set
                .SetProperty(l => l.ServerId, started.ServerId)
                .SetProperty(l => l.ServerName, started.ServerName)
                .SetProperty(l => l.StartsAt, started.StartsAt)
                .SetProperty(l => l.EndsAt, started.EndsAt)
                .SetProperty(l => l.RemindAt, started.RemindAt)
                .SetProperty(l => l.DecommissionAt, started.DecommissionAt)
                .SetProperty(l => l.RemindedFor, started.RemindedFor), cancellationToken) > 0;

    public async Task RemoveAsync(Guid deploymentId, CancellationToken cancellationToken) =>
        await db.Set<ServerLeaseRecord>().Where(l => l.DeploymentId == deploymentId && l.ServerId == null).ExecuteDeleteAsync(cancellationToken);

    public async Task<IReadOnlyList<ServerLease>> DueForReminderAsync(DateTimeOffset now, int max, CancellationToken cancellationToken) =>
        (await AliveLeases
            .Where(l => l.RemindAt <= now && (l.RemindedFor == null || l.RemindedFor != l.EndsAt))
            .OrderBy(l => l.RemindAt).Take(max).ToListAsync(cancellationToken)).Select(Read).ToList();

    public async Task<bool> ClaimReminderAsync(Guid deploymentId, DateTimeOffset endsAt, DateTimeOffset decommissionAt, CancellationToken cancellationToken) =>
        await db.Set<ServerLeaseRecord>()
            .Where(l => l.DeploymentId == deploymentId && l.EndsAt == endsAt && (l.RemindedFor == null || l.RemindedFor != endsAt))
            .ExecuteUpdateAsync(set => set.SetProperty(l => l.RemindedFor, endsAt).SetProperty(l => l.DecommissionAt, decommissionAt), cancellationToken) > 0;

    public async Task<IReadOnlyList<ServerLease>> DueForDecommissionAsync(DateTimeOffset now, DateTimeOffset staleClaimBefore, int max, CancellationToken cancellationToken) =>
        (await AliveLeases
            .Where(l => l.DecommissionAt <= now && l.RemindedFor == l.EndsAt && l.PendingUntil == null && l.DecommissionInstanceId == null
                        && (l.DecommissionClaimedAt == null || l.DecommissionClaimedAt < staleClaimBefore))
            .OrderBy(l => l.DecommissionAt).Take(max).ToListAsync(cancellationToken)).Select(Read).ToList();

    public async Task<bool> ClaimDecommissionAsync(Guid deploymentId, DateTimeOffset endsAt, DateTimeOffset now, DateTimeOffset staleClaimBefore, CancellationToken cancellationToken) =>
        await db.Set<ServerLeaseRecord>()
            .Where(l => l.DeploymentId == deploymentId && l.EndsAt == endsAt && l.RemindedFor == endsAt && l.DecommissionAt <= now
                        && l.PendingUntil == null && l.DecommissionInstanceId == null
                        && (l.DecommissionClaimedAt == null || l.DecommissionClaimedAt < staleClaimBefore))
            .ExecuteUpdateAsync(set => set.SetProperty(l => l.DecommissionClaimedAt, now), cancellationToken) > 0;

    public async Task RecordDecommissionAsync(Guid deploymentId, string? instanceId, CancellationToken cancellationToken) =>
        await db.Set<ServerLeaseRecord>().Where(l => l.DeploymentId == deploymentId)
            .ExecuteUpdateAsync(set => set.SetProperty(l => l.DecommissionInstanceId, instanceId), cancellationToken);

    public async Task<IReadOnlyList<ServerLease>> EndedUnannouncedAsync(int max, CancellationToken cancellationToken) =>
        (await Leases
            .Where(l => l.DecommissionInstanceId != null && l.EndedNoticeAt == null
                        && db.Set<DeployedServerRecord>().Any(s => s.Id == l.ServerId && s.Status == ServerStatus.Decommissioned))
            .OrderBy(l => l.EndsAt).Take(max).ToListAsync(cancellationToken)).Select(Read).ToList();

    public async Task<bool> ClaimEndedNoticeAsync(Guid deploymentId, DateTimeOffset now, CancellationToken cancellationToken) =>
        await db.Set<ServerLeaseRecord>().Where(l => l.DeploymentId == deploymentId && l.EndedNoticeAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(l => l.EndedNoticeAt, now), cancellationToken) > 0;

    public async Task<IReadOnlyList<ServerLease>> EndingBeforeAsync(DateTimeOffset before, int max, CancellationToken cancellationToken) =>
        (await AliveLeases.Where(l => l.EndsAt < before).OrderBy(l => l.EndsAt).Take(max).ToListAsync(cancellationToken)).Select(Read).ToList();

    public async Task<bool> SetEndAsync(ServerLease lease, DateTimeOffset newEnd, CancellationToken cancellationToken)
    {
        var moved = lease.EndingAt(newEnd);
        return await db.Set<ServerLeaseRecord>()
            .Where(l => l.DeploymentId == lease.DeploymentId && l.EndsAt == lease.EndsAt && l.DecommissionClaimedAt == null)
            .ExecuteUpdateAsync(set => set
                .SetProperty(l => l.EndsAt, moved.EndsAt)
                .SetProperty(l => l.RemindAt, moved.RemindAt)
                .SetProperty(l => l.DecommissionAt, moved.DecommissionAt)
                .SetProperty(l => l.PendingUntil, (DateTimeOffset?)null)
                .SetProperty(l => l.PendingBy, (string?)null)
                .SetProperty(l => l.PendingInstanceId, (string?)null), cancellationToken) > 0;
    }

    public async Task<bool> ClaimPendingAsync(Guid deploymentId, DateTimeOffset until, string by, CancellationToken cancellationToken) =>
        await db.Set<ServerLeaseRecord>().Where(l => l.DeploymentId == deploymentId && l.PendingUntil == null && l.DecommissionClaimedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(l => l.PendingUntil, until).SetProperty(l => l.PendingBy, by), cancellationToken) > 0;

    public async Task SetPendingInstanceAsync(Guid deploymentId, string instanceId, CancellationToken cancellationToken) =>
        await db.Set<ServerLeaseRecord>().Where(l => l.DeploymentId == deploymentId)
            .ExecuteUpdateAsync(set => set.SetProperty(l => l.PendingInstanceId, instanceId), cancellationToken);

    public async Task ClearPendingAsync(Guid deploymentId, CancellationToken cancellationToken) =>
        await db.Set<ServerLeaseRecord>().Where(l => l.DeploymentId == deploymentId)
            .ExecuteUpdateAsync(set => set
                .SetProperty(l => l.PendingUntil, (DateTimeOffset?)null)
                .SetProperty(l => l.PendingBy, (string?)null)
                .SetProperty(l => l.PendingInstanceId, (string?)null), cancellationToken);

    private static ServerLeaseRecord ToRecord(ServerLease lease) => new()
    {
        DeploymentId = lease.DeploymentId,
        ServerId = lease.ServerId,
        ServerName = lease.ServerName,
        Owner = lease.Owner,
        Days = lease.Days,
        DefaultDays = lease.Terms.DefaultDays,
        MaxDays = lease.Terms.MaxDays,
        ExtensionNeedsApproval = lease.Terms.ExtensionNeedsApproval,
        ReminderDays = lease.Terms.ReminderDays,
        GraceDays = lease.Terms.GraceDays,
        PolicySource = lease.PolicySource,
        StartsAt = lease.StartsAt,
        EndsAt = lease.EndsAt,
        RemindAt = lease.RemindAt,
        DecommissionAt = lease.DecommissionAt,
        RemindedFor = lease.RemindedFor,
        CreatedAt = lease.CreatedAt,
    };

    private static ServerLease Read(ServerLeaseRecord record) => new()
    {
        DeploymentId = record.DeploymentId,
        ServerId = record.ServerId,
        ServerName = record.ServerName,
        Owner = record.Owner,
        Days = record.Days,
        Terms = new LeaseTerms(record.DefaultDays, record.MaxDays, record.ExtensionNeedsApproval, record.ReminderDays, record.GraceDays),
        PolicySource = record.PolicySource,
        StartsAt = record.StartsAt,
        EndsAt = record.EndsAt,
        DecommissionAt = record.DecommissionAt,
        RemindedFor = record.RemindedFor,
        DecommissionClaimedAt = record.DecommissionClaimedAt,
        DecommissionInstanceId = record.DecommissionInstanceId,
        EndedNoticeAt = record.EndedNoticeAt,
        PendingUntil = record.PendingUntil,
        PendingBy = record.PendingBy,
        PendingInstanceId = record.PendingInstanceId,
        CreatedAt = record.CreatedAt,
    };
}
