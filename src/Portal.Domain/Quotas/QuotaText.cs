using System.Globalization;

namespace Portal.Domain.Quotas;

/// <summary>How quotas read: units, the request field each dimension's refusal shows on, and the refusal itself.</summary>
public static class QuotaText
{
    /// <summary>The request field a refusal shows on: the number of servers, the CPU and memory sizes, the placement.</summary>
    public static string RequestField(QuotaDimension dimension) => dimension switch
    {
        QuotaDimension.Servers => "quantity",
        QuotaDimension.Vcpus => "hardware.Processor",
        QuotaDimension.Memory => "hardware.Memory",
        QuotaDimension.PhysicalServers => "placement",
        _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, null),
    };

    /// <summary>The field of a quota's own form and API body.</summary>
    public static string LimitField(QuotaDimension dimension) => dimension switch
    {
        QuotaDimension.Servers => "maxServers",
        QuotaDimension.Vcpus => "maxVcpus",
        QuotaDimension.Memory => "maxMemoryGiB",
        QuotaDimension.PhysicalServers => "maxPhysicalServers",
        _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, null),
    };

    public static string Unit(QuotaDimension dimension) => dimension switch
    {
        QuotaDimension.Servers => "servers",
        QuotaDimension.Vcpus => "vCPU",
        QuotaDimension.Memory => "GiB of memory",
        QuotaDimension.PhysicalServers => "physical servers",
        _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, null),
    };

    /// <summary>An amount in the dimension's unit as people read it (memory counted in MiB shows in GiB).</summary>
    public static string Amount(QuotaDimension dimension, long amount) => dimension == QuotaDimension.Memory
        ? (amount / 1024m).ToString("0.#", CultureInfo.InvariantCulture)
        : amount.ToString(CultureInfo.InvariantCulture);

    /// <summary>"You have 14 of 16 vCPU; this request needs 4."</summary>
    public static string Exceeded(QuotaDimension dimension, long held, long limitInUsageUnits, long needed, string source) =>
        $"You have {Amount(dimension, held)} of {Amount(dimension, limitInUsageUnits)} {Unit(dimension)}; this request needs {Amount(dimension, needed)}. " +
        $"The limit is {Whose(source)}: ask for less, withdraw a request or decommission a server, or ask an admin for more.";

    /// <summary>"your own", "the Requester role's" for the sources <see cref="EffectiveQuota"/> names.</summary>
    private static string Whose(string source) => source.StartsWith("role ", StringComparison.Ordinal)
        ? $"the {source[5..]} role's"
        : "your own";
}
