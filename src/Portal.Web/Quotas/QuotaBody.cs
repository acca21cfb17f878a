using Portal.Domain.Quotas;

namespace Portal.Web.Quotas;

/// <summary>A quota's limits over HTTP and in the admin page's form: a missing or null limit is no limit; all null removes the quota.</summary>
public sealed record QuotaBody(int? MaxServers = null, int? MaxVcpus = null, int? MaxMemoryGiB = null, int? MaxPhysicalServers = null)
{
    public QuotaLimits ToLimits() => new(MaxServers, MaxVcpus, MaxMemoryGiB, MaxPhysicalServers);

    public static QuotaBody Of(QuotaLimits limits) => new(limits.Servers, limits.Vcpus, limits.MemoryGiB, limits.PhysicalServers);
}
