using Portal.Provisioning.Inventory;

namespace Portal.Web.Provisioning;

/// <summary>Fills an empty inventory with the demo servers and hosts; an inventory with anything in it is left alone.</summary>
public sealed partial class InventorySeeder(IInventoryStore inventory, ILogger<InventorySeeder> logger)
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if ((await inventory.ServersAsync(cancellationToken)).Count > 0 || (await inventory.HostsAsync(cancellationToken)).Count > 0)
        {
            return;
        }

        foreach (var server in InventoryDemoData.Servers)
        {
            Ensure((await inventory.SaveServerAsync(server, cancellationToken)).Errors, server.Name);
        }

        foreach (var host in InventoryDemoData.Hosts)
        {
            Ensure((await inventory.SaveHostAsync(host, cancellationToken)).Errors, host.Name);
        }

        await inventory.SetServerMaintenanceAsync(InventoryDemoData.ServerInMaintenance, true, cancellationToken);
        LogSeeded(InventoryDemoData.Servers.Count, InventoryDemoData.Hosts.Count);
    }

    private static void Ensure(IReadOnlyList<Portal.Domain.Validation.ValidationError> errors, string name)
    {
        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"Demo entry {name} is invalid: {string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}"))}");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo inventory seeded: {Servers} servers, {Hosts} hypervisor hosts")]
    private partial void LogSeeded(int servers, int hosts);
}
