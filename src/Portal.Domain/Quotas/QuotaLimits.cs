using Portal.Domain.Validation;

namespace Portal.Domain.Quotas;

/// <summary>
/// The most a subject may hold at once, per dimension; null leaves a dimension unlimited (for a user: taken from their
/// roles, see <see cref="EffectiveQuota"/>). Memory is in whole GiB, as people size servers.
/// </summary>
public sealed record QuotaLimits(int? Servers = null, int? Vcpus = null, int? MemoryGiB = null, int? PhysicalServers = null)
{
    /// <summary>A sane ceiling for one number: it keeps the sums in the database far from overflowing.</summary>
    public const int MaxValue = 1_000_000;

    public static QuotaLimits None { get; } = new();

    /// <summary>Nothing limited: saving it removes the subject's quota.</summary>
    public bool IsEmpty => Servers is null && Vcpus is null && MemoryGiB is null && PhysicalServers is null;

    public int? Of(QuotaDimension dimension) => dimension switch
    {
        QuotaDimension.Servers => Servers,
        QuotaDimension.Vcpus => Vcpus,
        QuotaDimension.Memory => MemoryGiB,
        QuotaDimension.PhysicalServers => PhysicalServers,
        _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, null),
    };

    /// <summary>The limit in the unit usage is counted in (memory in MiB), or null when unlimited.</summary>
    public long? InUsageUnits(QuotaDimension dimension) =>
        Of(dimension) is { } limit ? dimension == QuotaDimension.Memory ? limit * 1024L : limit : null;

    public IEnumerable<ValidationError> Validate()
    {
        foreach (var dimension in Enum.GetValues<QuotaDimension>())
        {
            if (Of(dimension) is < 0 or > MaxValue)
            {
                yield return new ValidationError(QuotaText.LimitField(dimension), $"A limit is 0 to {MaxValue:N0}, or empty for no limit.");
            }
        }
    }
}
