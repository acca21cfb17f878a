using Microsoft.EntityFrameworkCore;
using Portal.Data.Deployments;
using Portal.Data.Resilience;
using Portal.Domain.Deployments;
using Portal.Domain.Quotas;
using Portal.Provisioning.Quotas;

namespace Portal.Data.Quotas;

/// <summary>Quotas on the portal database: the limits admins set, and each user's holding (see <see cref="QuotaLedger"/>).</summary>
public sealed class EfQuotaStore(PortalDbContext db, TimeProvider clock) : IQuotaStore
{
    public async Task<IReadOnlyList<QuotaDefinition>> ListAsync(CancellationToken cancellationToken)
    {
        var records = await db.Set<QuotaRecord>().AsNoTracking().ToListAsync(cancellationToken);
        return records.OrderBy(r => r.SubjectKind).ThenBy(r => r.Name, StringComparer.OrdinalIgnoreCase).Select(Read).ToList();
    }

    public async Task<QuotaDefinition?> FindAsync(QuotaSubject subject, CancellationToken cancellationToken)
    {
        var key = Key(subject.Name);
        var record = await db.Set<QuotaRecord>().AsNoTracking().FirstOrDefaultAsync(q => q.SubjectKind == subject.Kind && q.Key == key, cancellationToken);
        return record is null ? null : Read(record);
    }

    public async Task<QuotaLimits?> SaveAsync(QuotaSubject subject, QuotaLimits limits, string? updatedBy, CancellationToken cancellationToken)
    {
        var key = Key(subject.Name);
        var quotas = db.Set<QuotaRecord>();
        var record = await quotas.FirstOrDefaultAsync(q => q.SubjectKind == subject.Kind && q.Key == key, cancellationToken);
        var before = record is null ? null : Read(record).Limits;
        if (limits.IsEmpty)
        {
            if (record is not null)
            {
                quotas.Remove(record);
            }
        }
        else
        {
            if (record is null)
            {
                record = new QuotaRecord { SubjectKind = subject.Kind, Key = key };
                quotas.Add(record);
            }

            record.Name = subject.Name;
            record.MaxServers = limits.Servers;
            record.MaxVcpus = limits.Vcpus;
            record.MaxMemoryGiB = limits.MemoryGiB;
            record.MaxPhysicalServers = limits.PhysicalServers;
            record.UpdatedAt = clock.GetUtcNow();
            record.UpdatedBy = updatedBy;
        }

        // Saved even when nothing changed, so that the audit entry staged with this save is written.
        await db.SaveChangesAsync(cancellationToken);
        return before;
    }

    public async Task<(QuotaLimits? Own, IReadOnlyDictionary<string, QuotaLimits> Roles)> QuotasOfAsync(string user, CancellationToken cancellationToken)
    {
        var key = Key(user);
        var roles = await (
            from u in db.Users
            where u.NormalizedUserName == key
            join link in db.UserRoles on u.Id equals link.UserId
            join role in db.Roles on link.RoleId equals role.Id
            select role.NormalizedName).ToListAsync(cancellationToken);
        var records = await db.Set<QuotaRecord>().AsNoTracking()
            .Where(q => (q.SubjectKind == QuotaSubjectKind.User && q.Key == key) || (q.SubjectKind == QuotaSubjectKind.Role && roles.Contains(q.Key)))
            .ToListAsync(cancellationToken);
        var own = records.FirstOrDefault(r => r.SubjectKind == QuotaSubjectKind.User) is { } mine ? Read(mine).Limits : null;
        return (own, records.Where(r => r.SubjectKind == QuotaSubjectKind.Role).ToDictionary(r => r.Name, r => Read(r).Limits));
    }

    public async Task<string?> FindUserAsync(string user, CancellationToken cancellationToken)
    {
        var key = Key(user);
        return await db.Users.AsNoTracking().Where(u => u.NormalizedUserName == key).Select(u => u.UserName).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<QuotaUsage> UsageAsync(string user, CancellationToken cancellationToken)
    {
        var charges = await (
            from charge in db.Set<QuotaChargeRecord>().AsNoTracking()
            where charge.UserName == user
            join deployment in db.Set<DeploymentRecord>() on charge.DeploymentId equals deployment.Id into found
            from deployment in found.DefaultIfEmpty()
            select new { charge.Vcpus, charge.MemoryMiB, charge.Physical, Completed = deployment != null && deployment.Status == DeploymentStatus.Completed })
            .ToListAsync(cancellationToken);
        QuotaAmounts Sum(bool completed) => charges.Where(c => c.Completed == completed)
            .Aggregate(QuotaAmounts.Zero, (sum, c) => sum + new QuotaAmounts(1, c.Vcpus, c.MemoryMiB, c.Physical ? 1 : 0));
        return new QuotaUsage(Sum(true), Sum(false));
    }

    public async Task<QuotaAmounts?> TryChargeAsync(
        string user, Guid requestId, IReadOnlyList<Guid> deploymentIds, QuotaAmounts perServer, QuotaLimits limits, CancellationToken cancellationToken)
    {
        var charged = await db.Set<QuotaChargeRecord>().AsNoTracking().Where(c => deploymentIds.Contains(c.DeploymentId)).Select(c => c.DeploymentId).ToListAsync(cancellationToken);
        var missing = deploymentIds.Except(charged).ToList();
        if (missing.Count == 0)
        {
            return null;
        }

        await QuotaLedger.EnsureUsageRowAsync(db, user, cancellationToken);
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            var records = missing.Select(id => QuotaLedger.Charge(user, requestId, id, perServer, clock.GetUtcNow())).ToList();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (!await QuotaLedger.TryTakeAsync(db, user, perServer.Times(missing.Count), limits, cancellationToken))
            {
                await transaction.RollbackAsync(cancellationToken);
                return await QuotaLedger.HeldAsync(db, user, cancellationToken);
            }

            db.Set<QuotaChargeRecord>().AddRange(records);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return (QuotaAmounts?)null;
            }
            catch (DbUpdateException e) when (!DatabaseFailures.IsTransient(e))
            {
                // A concurrent retry charged the same deployment first: it holds its share once, theirs.
                await transaction.RollbackAsync(cancellationToken);
                return null;
            }
            finally
            {
                foreach (var record in records)
                {
                    db.Entry(record).State = EntityState.Detached;
                }
            }
        });
    }

    public async Task<int> ReleaseAsync(IReadOnlyCollection<Guid> deploymentIds, CancellationToken cancellationToken)
    {
        var held = await db.Set<QuotaChargeRecord>().AsNoTracking().Where(c => deploymentIds.Contains(c.DeploymentId)).ToListAsync(cancellationToken);
        var released = 0;
        foreach (var charge in held)
        {
            released += await db.Database.CreateExecutionStrategy().ExecuteAsync(() => ReleaseOnceAsync(charge, cancellationToken)) ? 1 : 0;
        }

        return released;
    }

    private async Task<bool> ReleaseOnceAsync(QuotaChargeRecord charge, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The DELETE decides: of two concurrent releases only one deletes the charge and lowers the totals.
        if (await db.Set<QuotaChargeRecord>().Where(c => c.DeploymentId == charge.DeploymentId).ExecuteDeleteAsync(cancellationToken) == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        await QuotaLedger.GiveBackAsync(db, charge, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static string Key(string name) => name.Trim().ToUpperInvariant();

    private static QuotaDefinition Read(QuotaRecord record) => new(
        new QuotaSubject(record.SubjectKind, record.Name),
        new QuotaLimits(record.MaxServers, record.MaxVcpus, record.MaxMemoryGiB, record.MaxPhysicalServers),
        record.UpdatedAt,
        record.UpdatedBy);
}
