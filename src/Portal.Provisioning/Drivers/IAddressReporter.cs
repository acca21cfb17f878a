namespace Portal.Provisioning.Drivers;

/// <summary>Tells the address a machine got once it runs (DHCP lease, guest agent, the simulation's pool).</summary>
public interface IAddressReporter
{
    /// <summary>The machine's IP address, or null when the platform does not know it (yet). Asked again, it answers the same.</summary>
    Task<string?> AddressOfAsync(Guid serverId, MachineRef machine, CancellationToken cancellationToken);
}
