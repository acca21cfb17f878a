using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Portal.Domain.Quotas;

namespace Portal.Data.Quotas;

/// <summary>
/// The statements that reserve and give back quota, for the request store (a reservation in the transaction that
/// records the request) and the quota store alike. A reservation is one UPDATE of the user's usage row WHERE each
/// limited total plus the demand stays within its limit: PostgreSQL and SQL Server re-check the condition after
/// waiting for a competing writer's row lock, SQLite has one writer at a time; either way one of two reservations
/// that would together pass a limit updates no row.
/// </summary>
internal static class QuotaLedger
{
    /// <summary>
    /// Makes sure the user has a usage row to update, outside any transaction (a PostgreSQL transaction would be
    /// broken by a lost race for the insert). Plain SQL rather than a save: the caller's context may hold rows that
    /// must be written with the request, later, not now.
    /// </summary>
    public static async Task EnsureUsageRowAsync(PortalDbContext db, string user, CancellationToken cancellationToken)
    {
        var usage = db.Set<QuotaUsageRecord>();
        if (await usage.AnyAsync(u => u.UserName == user, cancellationToken))
        {
            return;
        }

        var entity = db.Model.FindEntityType(typeof(QuotaUsageRecord))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        string Column(string property) => sql.DelimitIdentifier(entity.FindProperty(property)!.GetColumnName(table)!);
        var name = sql.DelimitIdentifier(table.Name, table.Schema);
        var insert =
            $"INSERT INTO {name} ({Column(nameof(QuotaUsageRecord.UserName))}, {Column(nameof(QuotaUsageRecord.Servers))}, " +
            $"{Column(nameof(QuotaUsageRecord.Vcpus))}, {Column(nameof(QuotaUsageRecord.MemoryMiB))}, {Column(nameof(QuotaUsageRecord.PhysicalServers))}) " +
            $"SELECT {{0}}, 0, 0, 0, 0 WHERE NOT EXISTS (SELECT 1 FROM {name} WHERE {Column(nameof(QuotaUsageRecord.UserName))} = {{0}})";
        try
        {
            await db.Database.ExecuteSqlRawAsync(insert, [user], cancellationToken);
        }
        catch (DbException)
        {
            // Another submission of the same user inserted it between the check and the insert: then it is there.
            if (!await usage.AnyAsync(u => u.UserName == user, cancellationToken))
            {
                throw;
            }
        }
    }

    /// <summary>Raises the user's totals by <paramref name="amounts"/> if every limited total stays within its limit; false when not.</summary>
    public static async Task<bool> TryTakeAsync(PortalDbContext db, string user, QuotaAmounts amounts, QuotaLimits limits, CancellationToken cancellationToken)
    {
        var (servers, vcpus, memory, physical) = (amounts.Servers, amounts.Vcpus, amounts.MemoryMiB, amounts.PhysicalServers);
        var row = db.Set<QuotaUsageRecord>().Where(u => u.UserName == user);
        if (limits.Servers is { } maxServers && servers > 0)
        {
            row = row.Where(u => u.Servers + servers <= maxServers);
        }

        if (limits.Vcpus is { } maxVcpus && vcpus > 0)
        {
            row = row.Where(u => u.Vcpus + vcpus <= maxVcpus);
        }

        if (limits.InUsageUnits(QuotaDimension.Memory) is { } maxMemory && memory > 0)
        {
            row = row.Where(u => u.MemoryMiB + memory <= maxMemory);
        }

        if (limits.PhysicalServers is { } maxPhysical && physical > 0)
        {
            row = row.Where(u => u.PhysicalServers + physical <= maxPhysical);
        }

        return await row.ExecuteUpdateAsync(set => set
            .SetProperty(u => u.Servers, u => u.Servers + servers)
            .SetProperty(u => u.Vcpus, u => u.Vcpus + vcpus)
            .SetProperty(u => u.MemoryMiB, u => u.MemoryMiB + memory)
            .SetProperty(u => u.PhysicalServers, u => u.PhysicalServers + physical), cancellationToken) == 1;
    }

    /// <summary>Lowers the user's totals by what one charge held.</summary>
    public static Task GiveBackAsync(PortalDbContext db, QuotaChargeRecord charge, CancellationToken cancellationToken)
    {
        var (vcpus, memory, physical) = (charge.Vcpus, charge.MemoryMiB, charge.Physical ? 1 : 0);
        return db.Set<QuotaUsageRecord>().Where(u => u.UserName == charge.UserName).ExecuteUpdateAsync(set => set
            .SetProperty(u => u.Servers, u => u.Servers - 1)
            .SetProperty(u => u.Vcpus, u => u.Vcpus - vcpus)
            .SetProperty(u => u.MemoryMiB, u => u.MemoryMiB - memory)
            .SetProperty(u => u.PhysicalServers, u => u.PhysicalServers - physical), cancellationToken);
    }

    /// <summary>What the user holds in all, as the usage row says.</summary>
    public static async Task<QuotaAmounts> HeldAsync(PortalDbContext db, string user, CancellationToken cancellationToken) =>
        await db.Set<QuotaUsageRecord>().AsNoTracking().Where(u => u.UserName == user)
            .Select(u => new QuotaAmounts(u.Servers, u.Vcpus, u.MemoryMiB, u.PhysicalServers))
            .FirstOrDefaultAsync(cancellationToken) ?? QuotaAmounts.Zero;

    public static QuotaChargeRecord Charge(string user, Guid requestId, Guid deploymentId, QuotaAmounts perServer, DateTimeOffset now) => new()
    {
        DeploymentId = deploymentId,
        RequestId = requestId,
        UserName = user,
        Vcpus = perServer.Vcpus,
        MemoryMiB = perServer.MemoryMiB,
        Physical = perServer.PhysicalServers > 0,
        CreatedAt = now,
    };
}
