namespace Portal.Domain.Quotas;

/// <summary>
/// The limits that hold for one user, and where each comes from. Per dimension: the user's own quota when it sets one
/// (an admin's exception for that person, higher or lower); otherwise the most generous of the limits their roles set
/// (a role that sets none for a dimension does not lift another role's limit); otherwise none. Each user holds their
/// limit on their own: a role's quota is per member, never shared by all members.
/// </summary>
public sealed record EffectiveQuota(QuotaLimits Limits, IReadOnlyDictionary<QuotaDimension, string> Sources)
{
    public const string OwnSource = "own quota";
    public const string NoneSource = "no quota";

    public static EffectiveQuota Unlimited { get; } = Combine(null, new Dictionary<string, QuotaLimits>());

    /// <param name="own">The user's own quota, if an admin set one.</param>
    /// <param name="roles">The quotas set on the user's roles, by role name (roles without a quota left out).</param>
    public static EffectiveQuota Combine(QuotaLimits? own, IReadOnlyDictionary<string, QuotaLimits> roles)
    {
        var limits = new Dictionary<QuotaDimension, int?>();
        var sources = new Dictionary<QuotaDimension, string>();
        foreach (var dimension in Enum.GetValues<QuotaDimension>())
        {
            if (own?.Of(dimension) is { } ownLimit)
            {
                (limits[dimension], sources[dimension]) = (ownLimit, OwnSource);
                continue;
            }

            var best = roles.Where(r => r.Value.Of(dimension) is not null)
                .OrderByDescending(r => r.Value.Of(dimension)).ThenBy(r => r.Key, StringComparer.Ordinal)
                .Select(r => (Role: r.Key, Limit: r.Value.Of(dimension)))
                .FirstOrDefault();
            (limits[dimension], sources[dimension]) = best.Role is null ? (null, NoneSource) : (best.Limit, $"role {best.Role}");
        }

        return new EffectiveQuota(
            new QuotaLimits(limits[QuotaDimension.Servers], limits[QuotaDimension.Vcpus], limits[QuotaDimension.Memory], limits[QuotaDimension.PhysicalServers]),
            sources);
    }
}
