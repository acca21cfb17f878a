namespace Portal.Domain.Quotas;

/// <summary>What a quota limits. Each is limited or not on its own.</summary>
public enum QuotaDimension
{
    /// <summary>Servers, physical and virtual together.</summary>
    Servers,

    /// <summary>Virtual CPUs (a physical server counts the vCPUs it was asked for).</summary>
    Vcpus,

    /// <summary>Memory, set in GiB.</summary>
    Memory,

    /// <summary>Bare-metal servers (they count as servers too).</summary>
    PhysicalServers,
}
