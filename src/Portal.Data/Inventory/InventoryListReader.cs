using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Library;

namespace Portal.Data.Inventory;

/// <summary>
/// The inventory page's reads at scale: a page of physical servers (Skip/Take in SQL, the total by COUNT; only that
/// page's BMC passwords are unprotected, to say whether one is set) and the servers counted by pool and state in SQL
/// for the utilisation chart, instead of every server loaded and counted in memory.
/// </summary>
public sealed class InventoryListReader(PortalDbContext db, IDataProtectionProvider protection)
{
    public const int MaxPageSize = 500;

    private readonly IDataProtector protector = protection.CreateProtector(EfInventoryStore.BmcPasswordPurpose);

    public async Task<PhysicalServerPage> ServerPageAsync(int page, int pageSize, CancellationToken cancellationToken)
    {
        var servers = db.Set<PhysicalServerRecord>().AsNoTracking();
        var total = await servers.CountAsync(cancellationToken);
        var size = Math.Clamp(pageSize, 1, MaxPageSize);
        var records = await servers.OrderBy(s => s.Name).ThenBy(s => s.Id).Skip(Math.Max(0, page) * size).Take(size).ToListAsync(cancellationToken);
        return new PhysicalServerPage(records.Select(r => InventoryDocuments.Read(r,
            new SecretValue(r.ProtectedBmcPassword.Length == 0 ? "" : protector.Unprotect(r.ProtectedBmcPassword)))).ToList(), total);
    }

    public async Task<IReadOnlyList<ServerStateCount>> ServerCountsAsync(CancellationToken cancellationToken) =>
        (await db.Set<PhysicalServerRecord>().AsNoTracking()
            .GroupBy(s => new { s.PlatformId, s.State })
            .Select(g => new { g.Key.PlatformId, g.Key.State, Count = g.Count() })
            .ToListAsync(cancellationToken))
        .Select(c => new ServerStateCount(c.PlatformId, c.State, c.Count)).ToList();
}
