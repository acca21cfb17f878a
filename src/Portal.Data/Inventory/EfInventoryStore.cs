using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Portal.Data.Resilience;
using Portal.Domain.Inventory;
using Portal.Domain.Library;
using Portal.Domain.Validation;
using Portal.Provisioning.Inventory;

namespace Portal.Data.Inventory;

/// <summary>
/// The inventory on the portal database. A reservation is a conditional UPDATE (server still Available; host
/// totals plus the demand within capacity) and the reservation row, in one transaction: PostgreSQL and SQL
/// Server re-check the condition after waiting for a competing writer, SQLite has one writer at a time, so
/// no two allocations can take the same server or overbook a host.
/// </summary>
public sealed class EfInventoryStore(PortalDbContext db, IDataProtectionProvider protection, TimeProvider clock) : IInventoryStore
{
    /// <summary>The Data Protection purpose of BMC passwords.</summary>
    public const string BmcPasswordPurpose = "Portal.Inventory.BmcPassword";

    private readonly IDataProtector protector = protection.CreateProtector(BmcPasswordPurpose);

    public async Task<IReadOnlyList<PhysicalServer>> ServersAsync(CancellationToken cancellationToken)
    {
        var records = await db.Set<PhysicalServerRecord>().AsNoTracking().OrderBy(s => s.Name).ToListAsync(cancellationToken);
        return records.Select(Read).ToList();
    }

    public async Task<PhysicalServer?> FindServerAsync(Guid id, CancellationToken cancellationToken)
    {
        var record = await db.Set<PhysicalServerRecord>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        return record is null ? null : Read(record);
    }

    public async Task<ValidationResult<PhysicalServer>> SaveServerAsync(PhysicalServer server, CancellationToken cancellationToken)
    {
        var errors = server.Validate().ToList();
        var servers = db.Set<PhysicalServerRecord>();
        if (await servers.AnyAsync(s => s.Name == server.Name && s.Id != server.Id, cancellationToken))
        {
            errors.Add(new("name", $"A server named '{server.Name}' exists already."));
        }

        var record = await servers.FirstOrDefaultAsync(s => s.Id == server.Id, cancellationToken);
        var password = server.Bmc.Password.Reveal();
        if (record is null && password.Length == 0)
        {
            errors.Add(new("bmc.password", "A new server needs its BMC password."));
        }

        if (errors.Count > 0)
        {
            return ValidationResult<PhysicalServer>.Failure(errors);
        }

        if (record is null)
        {
            record = new PhysicalServerRecord { Id = server.Id, State = server.State };
            servers.Add(record);
        }

        record.Name = server.Name;
        record.PlatformId = server.PlatformId;
        record.CpuCores = server.Facts.CpuCores;
        record.MemoryMiB = (long)server.Facts.Memory.In(ResourceUnit.MiB).Value;
        record.Document = InventoryDocuments.Write(server);
        if (password.Length > 0)
        {
            record.ProtectedBmcPassword = protector.Protect(password);
        }

        record.Revision = Guid.NewGuid();
        await db.SaveChangesAsync(cancellationToken);
        return ValidationResult<PhysicalServer>.Success(Read(record));
    }

    public async Task<IReadOnlyList<HypervisorHost>> HostsAsync(CancellationToken cancellationToken)
    {
        var records = await db.Set<HypervisorHostRecord>().AsNoTracking().OrderBy(h => h.Name).ToListAsync(cancellationToken);
        return records.Select(InventoryDocuments.Read).ToList();
    }

    public async Task<HypervisorHost?> FindHostAsync(Guid id, CancellationToken cancellationToken)
    {
        var record = await db.Set<HypervisorHostRecord>().AsNoTracking().FirstOrDefaultAsync(h => h.Id == id, cancellationToken);
        return record is null ? null : InventoryDocuments.Read(record);
    }

    public async Task<ValidationResult<HypervisorHost>> SaveHostAsync(HypervisorHost host, CancellationToken cancellationToken)
    {
        var errors = host.Validate().ToList();
        var hosts = db.Set<HypervisorHostRecord>();
        if (await hosts.AnyAsync(h => h.Name == host.Name && h.Id != host.Id, cancellationToken))
        {
            errors.Add(new("name", $"A host named '{host.Name}' exists already."));
        }

        if (errors.Count > 0)
        {
            return ValidationResult<HypervisorHost>.Failure(errors);
        }

        var record = await hosts.FirstOrDefaultAsync(h => h.Id == host.Id, cancellationToken);
        if (record is null)
        {
            record = new HypervisorHostRecord { Id = host.Id };
            hosts.Add(record);
        }

        // Allocated totals belong to reservations, never to an edit of the host's description.
        record.Name = host.Name;
        record.PlatformId = host.PlatformId;
        record.Hypervisor = host.Hypervisor;
        record.InMaintenance = host.InMaintenance;
        record.CapacityVcpus = host.Capacity.Vcpus;
        record.CapacityMemoryMiB = host.Capacity.MemoryMiB;
        record.CapacityStorageGiB = host.Capacity.StorageGiB;
        record.Document = InventoryDocuments.Write(host);
        await db.SaveChangesAsync(cancellationToken);
        return ValidationResult<HypervisorHost>.Success(InventoryDocuments.Read(record));
    }

    public async Task<bool> RemoveServerAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Set<PhysicalServerRecord>().Where(s => s.Id == id && s.ReservationId == null).ExecuteDeleteAsync(cancellationToken) == 1;

    public async Task<bool> RemoveHostAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Set<HypervisorHostRecord>()
            .Where(h => h.Id == id && h.AllocatedVcpus == 0 && h.AllocatedMemoryMiB == 0 && h.AllocatedStorageGiB == 0)
            .ExecuteDeleteAsync(cancellationToken) == 1;

    public async Task<bool> SetServerMaintenanceAsync(Guid id, bool maintenance, CancellationToken cancellationToken)
    {
        // Only an idle server goes into maintenance (a running one is decommissioned first); Failed ones too,
        // so that an admin can take a broken server out and later back.
        var servers = db.Set<PhysicalServerRecord>().Where(s => s.Id == id && s.ReservationId == null);
        var changed = maintenance
            ? await servers.Where(s => s.State == ServerState.Available || s.State == ServerState.Failed)
                .ExecuteUpdateAsync(set => set.SetProperty(s => s.State, ServerState.Maintenance).SetProperty(s => s.Revision, Guid.NewGuid()), cancellationToken)
            : await servers.Where(s => s.State == ServerState.Maintenance || s.State == ServerState.Failed)
                .ExecuteUpdateAsync(set => set.SetProperty(s => s.State, ServerState.Available).SetProperty(s => s.StateReason, (string?)null)
                    .SetProperty(s => s.Revision, Guid.NewGuid()), cancellationToken);
        return changed == 1;
    }

    public async Task<bool> SetHostMaintenanceAsync(Guid id, bool maintenance, CancellationToken cancellationToken) =>
        await db.Set<HypervisorHostRecord>().Where(h => h.Id == id)
            .ExecuteUpdateAsync(set => set.SetProperty(h => h.InMaintenance, maintenance), cancellationToken) == 1;

    public async Task SetServerStateAsync(Guid id, ServerState state, CancellationToken cancellationToken, string? reason = null) =>
        await db.Set<PhysicalServerRecord>().Where(s => s.Id == id)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.State, state).SetProperty(s => s.StateReason, reason == null || reason.Length <= 1000 ? reason : reason.Substring(0, 1000)).SetProperty(s => s.Revision, Guid.NewGuid()), cancellationToken);

    public async Task<AllocationOutcome> ReserveAsync(AllocationRequest request, CancellationToken cancellationToken)
    {
        if (await FindByKeyAsync(request.Key, cancellationToken) is { } earlier)
        {
            return AllocationOutcome.Reserved(earlier);
        }

        await ReleaseExpiredAsync(cancellationToken);
        var reasons = new List<string>();
        foreach (var kind in request.Kinds)
        {
            var reserved = kind == PlatformKind.Physical
                ? await ReservePhysicalAsync(request, reasons, cancellationToken)
                : await ReserveVirtualAsync(request, reasons, cancellationToken);
            if (reserved is not null)
            {
                return AllocationOutcome.Reserved(reserved);
            }
        }

        if (reasons.Count == 0)
        {
            reasons.Add(request.Platforms is { Count: > 0 }
                ? "The chosen platform has no servers or hosts in the inventory."
                : "The inventory has no servers or hosts of the kind asked for.");
        }

        return AllocationOutcome.NoCapacity(reasons);
    }

    public async Task<Reservation?> FindReservationAsync(Guid id, CancellationToken cancellationToken)
    {
        var record = await db.Set<ReservationRecord>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        return record is null ? null : InventoryDocuments.Read(record);
    }

    public Task CommitAsync(Guid reservationId, CancellationToken cancellationToken) =>
        // A retrying execution strategy (PostgreSQL, SQL Server) runs the whole transaction again after a transient failure.
        db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.Set<ReservationRecord>().Where(r => r.Id == reservationId)
                .ExecuteUpdateAsync(set => set.SetProperty(r => r.ExpiresAt, (DateTimeOffset?)null), cancellationToken);
            await db.Set<PhysicalServerRecord>().Where(s => s.ReservationId == reservationId)
                .ExecuteUpdateAsync(set => set.SetProperty(s => s.State, ServerState.InUse).SetProperty(s => s.Revision, Guid.NewGuid()), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });

    public Task<bool> ReleaseAsync(Guid reservationId, CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(() => ReleaseOnceAsync(reservationId, cancellationToken));

    private async Task<bool> ReleaseOnceAsync(Guid reservationId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var record = await db.Set<ReservationRecord>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == reservationId, cancellationToken);
        // The DELETE decides: of two concurrent releases only one deletes the row and gives the hardware back.
        if (record is null || await db.Set<ReservationRecord>().Where(r => r.Id == reservationId).ExecuteDeleteAsync(cancellationToken) == 0)
        {
            return false;
        }

        if (record.ServerId is { } serverId)
        {
            var server = db.Set<PhysicalServerRecord>().Where(s => s.Id == serverId && s.ReservationId == reservationId);
            // A server an admin marked Failed or put in maintenance keeps that state; it only loses the hold.
            await server.Where(s => s.State != ServerState.Failed && s.State != ServerState.Maintenance)
                .ExecuteUpdateAsync(set => set.SetProperty(s => s.State, ServerState.Available).SetProperty(s => s.Revision, Guid.NewGuid()), cancellationToken);
            await server.ExecuteUpdateAsync(set => set.SetProperty(s => s.ReservationId, (Guid?)null).SetProperty(s => s.Revision, Guid.NewGuid()), cancellationToken);
        }

        if (record.HostId is { } hostId)
        {
            await db.Set<HypervisorHostRecord>().Where(h => h.Id == hostId).ExecuteUpdateAsync(set => set
                .SetProperty(h => h.AllocatedVcpus, h => h.AllocatedVcpus - record.Vcpus)
                .SetProperty(h => h.AllocatedMemoryMiB, h => h.AllocatedMemoryMiB - record.MemoryMiB)
                .SetProperty(h => h.AllocatedStorageGiB, h => h.AllocatedStorageGiB - record.StorageGiB), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<int> ReleaseExpiredAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var expired = await db.Set<ReservationRecord>().AsNoTracking()
            .Where(r => r.ExpiresAt != null && r.ExpiresAt <= now).Select(r => r.Id).ToListAsync(cancellationToken);
        var released = 0;
        foreach (var id in expired)
        {
            released += await ReleaseAsync(id, cancellationToken) ? 1 : 0;
        }

        return released;
    }

    private async Task<Reservation?> ReservePhysicalAsync(AllocationRequest request, List<string> reasons, CancellationToken cancellationToken)
    {
        var query = db.Set<PhysicalServerRecord>().AsNoTracking();
        if (request.Platforms is { Count: > 0 } platforms)
        {
            query = query.Where(s => platforms.Contains(s.PlatformId));
        }

        var servers = (await query.ToListAsync(cancellationToken)).Select(r => InventoryDocuments.Read(r, new SecretValue(""))).ToList();
        reasons.AddRange(servers.Select(s => (s, why: AllocationRules.WhyNot(s, request.Demand)))
            .Where(x => x.why.Count > 0).Select(x => $"{x.s.Name}: {string.Join("; ", x.why)}"));
        foreach (var candidate in AllocationRules.RankServers(servers, request.Demand))
        {
            var reservation = NewReservation(request, Placement.Physical) with { ServerId = candidate.Id };
            var won = await TryReserveAsync(reservation, () => db.Set<PhysicalServerRecord>()
                .Where(s => s.Id == candidate.Id && s.State == ServerState.Available && s.ReservationId == null)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(s => s.State, ServerState.Reserved)
                    .SetProperty(s => s.ReservationId, reservation.Id)
                    .SetProperty(s => s.Revision, Guid.NewGuid()), cancellationToken), cancellationToken);
            if (won is not null)
            {
                return won;
            }

            reasons.Add($"{candidate.Name}: taken by another deployment a moment ago");
        }

        return null;
    }

    private async Task<Reservation?> ReserveVirtualAsync(AllocationRequest request, List<string> reasons, CancellationToken cancellationToken)
    {
        var query = db.Set<HypervisorHostRecord>().AsNoTracking();
        if (request.Platforms is { Count: > 0 } platforms)
        {
            query = query.Where(h => platforms.Contains(h.PlatformId));
        }

        var hosts = (await query.ToListAsync(cancellationToken)).Select(InventoryDocuments.Read).ToList();
        reasons.AddRange(hosts.Select(h => (h, why: AllocationRules.WhyNot(h, request.Demand)))
            .Where(x => x.why.Count > 0).Select(x => $"{x.h.Name}: {string.Join("; ", x.why)}"));
        var demand = request.Demand;
        var (vcpus, memory, storage) = (demand.Vcpus, demand.MemoryMiB, demand.StorageGiB);
        foreach (var candidate in AllocationRules.RankHosts(hosts, demand))
        {
            var reservation = NewReservation(request, Placement.Virtual) with { HostId = candidate.Id };
            var won = await TryReserveAsync(reservation, () => db.Set<HypervisorHostRecord>()
                .Where(h => h.Id == candidate.Id && !h.InMaintenance
                    && h.AllocatedVcpus + vcpus <= h.CapacityVcpus
                    && h.AllocatedMemoryMiB + memory <= h.CapacityMemoryMiB
                    && h.AllocatedStorageGiB + storage <= h.CapacityStorageGiB)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(h => h.AllocatedVcpus, h => h.AllocatedVcpus + vcpus)
                    .SetProperty(h => h.AllocatedMemoryMiB, h => h.AllocatedMemoryMiB + memory)
                    .SetProperty(h => h.AllocatedStorageGiB, h => h.AllocatedStorageGiB + storage), cancellationToken), cancellationToken);
            if (won is not null)
            {
                return won;
            }

            reasons.Add($"{candidate.Name}: filled by another deployment a moment ago");
        }

        return null;
    }

    /// <summary>Runs the conditional update and inserts the reservation in one transaction; null when the update lost.</summary>
    private Task<Reservation?> TryReserveAsync(Reservation reservation, Func<Task<int>> take, CancellationToken cancellationToken) =>
        // One retriable unit: after a transient failure nothing of it was applied, and it runs again from the start.
        db.Database.CreateExecutionStrategy().ExecuteAsync(() => TryReserveOnceAsync(reservation, take, cancellationToken));

    private async Task<Reservation?> TryReserveOnceAsync(Reservation reservation, Func<Task<int>> take, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await take() != 1)
        {
            await transaction.RollbackAsync(cancellationToken);
            return null;
        }

        var record = new ReservationRecord
        {
            Id = reservation.Id,
            Key = reservation.Key,
            DeploymentId = reservation.DeploymentId,
            Kind = reservation.Kind,
            ServerId = reservation.ServerId,
            HostId = reservation.HostId,
            Vcpus = reservation.Vcpus,
            MemoryMiB = reservation.MemoryMiB,
            StorageGiB = reservation.StorageGiB,
            CreatedAt = reservation.CreatedAt,
            ExpiresAt = reservation.ExpiresAt,
        };
        db.Set<ReservationRecord>().Add(record);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return reservation;
        }
        catch (DbUpdateException e) when (!DatabaseFailures.IsTransient(e))
        {
            // Same key inserted by a concurrent re-delivery: roll ours back and return theirs.
            db.Entry(record).State = EntityState.Detached;
            await transaction.RollbackAsync(cancellationToken);
            return await FindByKeyAsync(reservation.Key, cancellationToken)
                ?? throw new InvalidOperationException($"The reservation for {reservation.Key} could not be written nor found.");
        }
        catch
        {
            // The database went away: nothing was written, and the execution strategy may run this again.
            db.Entry(record).State = EntityState.Detached;
            throw;
        }
    }

    private Reservation NewReservation(AllocationRequest request, Placement kind)
    {
        var now = clock.GetUtcNow();
        return new Reservation
        {
            Id = Guid.NewGuid(),
            Key = request.Key,
            DeploymentId = request.DeploymentId,
            Kind = kind,
            Vcpus = request.Demand.Vcpus,
            MemoryMiB = request.Demand.MemoryMiB,
            StorageGiB = request.Demand.StorageGiB,
            CreatedAt = now,
            ExpiresAt = now + request.Lifetime,
        };
    }

    private async Task<Reservation?> FindByKeyAsync(string key, CancellationToken cancellationToken)
    {
        var record = await db.Set<ReservationRecord>().AsNoTracking().FirstOrDefaultAsync(r => r.Key == key, cancellationToken);
        return record is null ? null : InventoryDocuments.Read(record);
    }

    private PhysicalServer Read(PhysicalServerRecord record) =>
        InventoryDocuments.Read(record, new SecretValue(record.ProtectedBmcPassword.Length == 0 ? "" : protector.Unprotect(record.ProtectedBmcPassword)));
}
