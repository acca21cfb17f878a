using Portal.Domain.Requests;

namespace Portal.Domain.Quotas;

/// <summary>What servers take of a quota, or what a user holds: servers, vCPUs, memory in MiB, physical servers.</summary>
public sealed record QuotaAmounts(int Servers, int Vcpus, long MemoryMiB, int PhysicalServers)
{
    public static QuotaAmounts Zero { get; } = new(0, 0, 0, 0);

    /// <summary>One server's share of a request: requests ask for identical servers.</summary>
    public static QuotaAmounts PerServer(RequestDemand demand)
    {
        var servers = Math.Max(1, demand.Servers);
        return new(1, demand.Vcpus / servers, demand.MemoryMiB / servers, demand.Physical ? 1 : 0);
    }

    public static QuotaAmounts Of(RequestDemand demand) =>
        new(demand.Servers, demand.Vcpus, demand.MemoryMiB, demand.Physical ? demand.Servers : 0);

    public long Of(QuotaDimension dimension) => dimension switch
    {
        QuotaDimension.Servers => Servers,
        QuotaDimension.Vcpus => Vcpus,
        QuotaDimension.Memory => MemoryMiB,
        QuotaDimension.PhysicalServers => PhysicalServers,
        _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, null),
    };

    public QuotaAmounts Times(int count) => new(Servers * count, Vcpus * count, MemoryMiB * count, PhysicalServers * count);

    public static QuotaAmounts operator +(QuotaAmounts a, QuotaAmounts b) =>
        new(a.Servers + b.Servers, a.Vcpus + b.Vcpus, a.MemoryMiB + b.MemoryMiB, a.PhysicalServers + b.PhysicalServers);
}
