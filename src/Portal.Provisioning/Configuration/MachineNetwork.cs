using System.Net;

namespace Portal.Provisioning.Configuration;

/// <summary>How the machine's network card gets its address: <see cref="DhcpNetwork"/> or <see cref="StaticNetwork"/>.</summary>
public abstract record MachineNetwork
{
    /// <summary>
    /// The card to configure ("52:54:00:12:34:56"). Without it Linux matches the first card named e* (which
    /// cloud-init honours only with netplan or systemd-networkd) and Windows the card named "Ethernet".
    /// </summary>
    public string? MacAddress { get; init; }

    /// <summary>Used in addition to (with DHCP) or instead of (static) what DHCP would hand out.</summary>
    public IReadOnlyList<IPAddress> DnsServers { get; init; } = [];
}
