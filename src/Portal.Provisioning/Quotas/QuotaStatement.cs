using System.Text.Json.Serialization;
using Portal.Domain.Quotas;

namespace Portal.Provisioning.Quotas;

/// <summary>A user's quota as they (and admins) read it: per dimension, the effective limit, used and reserved.</summary>
public sealed record QuotaStatement(string User, QuotaLine Servers, QuotaLine Vcpus, QuotaLine MemoryGiB, QuotaLine PhysicalServers)
{
    [JsonIgnore]
    public IReadOnlyList<QuotaLine> Lines => [Servers, Vcpus, MemoryGiB, PhysicalServers];

    /// <summary>Whether any dimension is limited at all.</summary>
    public bool IsLimited => Lines.Any(l => l.Limit is not null);

    public static QuotaStatement Of(string user, EffectiveQuota quota, QuotaUsage usage) => new(
        user,
        QuotaLine.Of(QuotaDimension.Servers, quota, usage),
        QuotaLine.Of(QuotaDimension.Vcpus, quota, usage),
        QuotaLine.Of(QuotaDimension.Memory, quota, usage),
        QuotaLine.Of(QuotaDimension.PhysicalServers, quota, usage));
}
