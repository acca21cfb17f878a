using Portal.Domain.Audit;
using Portal.Domain.Library;
using Portal.Domain.Validation;
using Portal.Provisioning.Inventory;

namespace Portal.Web.Provisioning;

/// <summary>
/// Takes inventory out of service and back, for the HTTP API and the inventory page alike, with the reason
/// when a server cannot go: one that runs or is being given a deployment keeps its state until it is idle.
/// </summary>
public sealed class InventoryMaintenance(IInventoryStore inventory, IAuditLog audit)
{
    public async Task<AdminOutcome<PhysicalServerView>> SetServerAsync(Guid id, bool on, CancellationToken cancellationToken)
    {
        if (await inventory.FindServerAsync(id, cancellationToken) is not { } server)
        {
            return AdminOutcome<PhysicalServerView>.NotFound($"There is no server {id}.");
        }

        if (!await audit.RecordWithAsync(
                new AuditEntry(AuditAction.InventoryChanged, AuditTarget.Server(id, server.Name), on ? "Server taken into maintenance." : "Server back from maintenance."),
                () => inventory.SetServerMaintenanceAsync(id, on, cancellationToken), done => done, cancellationToken))
        {
            return AdminOutcome<PhysicalServerView>.Refused([new ValidationError("state", on
                ? $"{server.Name} is {DisplayNames.InSentence(server.State)}: only an idle (Available or Failed) server goes into maintenance; decommission what runs on it first."
                : $"{server.Name} is {DisplayNames.InSentence(server.State)}, not in maintenance.")]);
        }

        return AdminOutcome<PhysicalServerView>.Done(PhysicalServerView.Of((await inventory.FindServerAsync(id, cancellationToken))!));
    }

    public async Task<AdminOutcome<HypervisorHostView>> SetHostAsync(Guid id, bool on, CancellationToken cancellationToken) =>
        await inventory.FindHostAsync(id, cancellationToken) is { } host && await audit.RecordWithAsync(
            new AuditEntry(AuditAction.InventoryChanged, AuditTarget.Host(id, host.Name), on ? "Host taken into maintenance." : "Host back from maintenance."),
            () => inventory.SetHostMaintenanceAsync(id, on, cancellationToken), done => done, cancellationToken)
            ? AdminOutcome<HypervisorHostView>.Done(HypervisorHostView.Of((await inventory.FindHostAsync(id, cancellationToken))!))
            : AdminOutcome<HypervisorHostView>.NotFound($"There is no host {id}.");
}
