using Portal.Domain.Inventory;
using Portal.Domain.Validation;

namespace Portal.Provisioning.Inventory;

/// <summary>
/// Physical servers, hypervisor hosts and the reservations on them. Reserving is atomic in the database:
/// two allocations can never take the same server or overbook a host, on however many portal nodes.
/// </summary>
public interface IInventoryStore
{
    Task<IReadOnlyList<PhysicalServer>> ServersAsync(CancellationToken cancellationToken);

    Task<PhysicalServer?> FindServerAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Adds or updates a server's description. A null BMC password keeps the stored one.</summary>
    Task<ValidationResult<PhysicalServer>> SaveServerAsync(PhysicalServer server, CancellationToken cancellationToken);

    Task<IReadOnlyList<HypervisorHost>> HostsAsync(CancellationToken cancellationToken);

    Task<HypervisorHost?> FindHostAsync(Guid id, CancellationToken cancellationToken);

    Task<ValidationResult<HypervisorHost>> SaveHostAsync(HypervisorHost host, CancellationToken cancellationToken);

    /// <summary>Removes a server that holds nothing (no reservation); false when it does or does not exist.</summary>
    Task<bool> RemoveServerAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Removes a host with nothing allocated on it; false when something is or it does not exist.</summary>
    Task<bool> RemoveHostAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Takes a server out of (or back into) service. A server holding a reservation keeps it until released.</summary>
    Task<bool> SetServerMaintenanceAsync(Guid id, bool maintenance, CancellationToken cancellationToken);

    Task<bool> SetHostMaintenanceAsync(Guid id, bool maintenance, CancellationToken cancellationToken);

    /// <summary>Marks a physical server's state (Deploying, InUse, Failed) as a deployment moves on, with the reason when it is taken out of the pool.</summary>
    Task SetServerStateAsync(Guid id, ServerState state, CancellationToken cancellationToken, string? reason = null);

    Task<AllocationOutcome> ReserveAsync(AllocationRequest request, CancellationToken cancellationToken);

    Task<Reservation?> FindReservationAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Keeps the hardware for good (the server runs): the hold no longer expires.</summary>
    Task CommitAsync(Guid reservationId, CancellationToken cancellationToken);

    /// <summary>Gives the hardware back. Releasing twice (a retried compensation) is a no-op: false the second time.</summary>
    Task<bool> ReleaseAsync(Guid reservationId, CancellationToken cancellationToken);

    /// <summary>Releases every hold past its expiry; returns how many.</summary>
    Task<int> ReleaseExpiredAsync(CancellationToken cancellationToken);
}
