namespace Portal.Provisioning.Configuration;

/// <summary>The address, gateway and (unless given) DNS servers come from DHCP.</summary>
public sealed record DhcpNetwork : MachineNetwork;
