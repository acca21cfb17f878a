using Portal.Domain.Quotas;

namespace Portal.Provisioning.Quotas;

/// <summary>
/// One dimension of a user's quota: the limit that holds (null: none) and where it comes from, what running servers
/// use and what requests on their way reserve, in the limit's unit (memory in GiB).
/// </summary>
public sealed record QuotaLine(QuotaDimension Dimension, int? Limit, string Source, decimal Used, decimal Reserved)
{
    public decimal Held => Used + Reserved;

    /// <summary>What is left before the limit (null: no limit).</summary>
    public decimal? Available => Limit is { } limit ? Math.Max(0, limit - Held) : null;

    public static QuotaLine Of(QuotaDimension dimension, EffectiveQuota quota, QuotaUsage usage) => new(
        dimension, quota.Limits.Of(dimension), quota.Sources[dimension], InLimitUnits(dimension, usage.Used.Of(dimension)), InLimitUnits(dimension, usage.Reserved.Of(dimension)));

    private static decimal InLimitUnits(QuotaDimension dimension, long amount) =>
        dimension == QuotaDimension.Memory ? Math.Round(amount / 1024m, 2) : amount;
}
