using Portal.Domain.Validation;

namespace Portal.Domain.Quotas;

/// <summary>Whether what a user holds plus what they ask for stays within their quota, and if not, why, with the numbers.</summary>
public static class QuotaCheck
{
    public static IReadOnlyList<ValidationError> Refusals(EffectiveQuota quota, QuotaAmounts held, QuotaAmounts needed)
    {
        var refusals = new List<ValidationError>();
        foreach (var dimension in Enum.GetValues<QuotaDimension>())
        {
            var need = needed.Of(dimension);
            if (need > 0 && quota.Limits.InUsageUnits(dimension) is { } limit && held.Of(dimension) + need > limit)
            {
                refusals.Add(new ValidationError(
                    QuotaText.RequestField(dimension), QuotaText.Exceeded(dimension, held.Of(dimension), limit, need, quota.Sources[dimension])));
            }
        }

        return refusals;
    }
}
