using System.Net;

namespace Portal.Provisioning.Configuration;

/// <summary>A fixed IPv4 or IPv6 address.</summary>
public sealed record StaticNetwork : MachineNetwork
{
    public required IPAddress Address { get; init; }

    public required int PrefixLength { get; init; }

    /// <summary>None for a network with no way out.</summary>
    public IPAddress? Gateway { get; init; }

    public string Cidr => $"{Address}/{PrefixLength}";
}
