using Portal.Domain.Quotas;

namespace Portal.Provisioning.Quotas;

/// <summary>What a user holds: <see cref="Used"/> by running servers, <see cref="Reserved"/> by requests on their way.</summary>
public sealed record QuotaUsage(QuotaAmounts Used, QuotaAmounts Reserved)
{
    public static QuotaUsage None { get; } = new(QuotaAmounts.Zero, QuotaAmounts.Zero);

    public QuotaAmounts Held => Used + Reserved;
}
