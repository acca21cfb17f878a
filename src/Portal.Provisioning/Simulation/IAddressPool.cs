namespace Portal.Provisioning.Simulation;

/// <summary>
/// The simulated datacenter's DHCP: addresses from one subnet, kept in the database so that every node and every
/// restart sees the same leases. A server keeps its address; no address is ever handed out twice.
/// </summary>
public interface IAddressPool
{
    /// <summary>The server's address: the one it leased before, or the next never-used one in the subnet.</summary>
    Task<string> LeaseAsync(Guid serverId, string subnet, CancellationToken cancellationToken);
}
