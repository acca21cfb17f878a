namespace Portal.Domain.Leases;

/// <summary>The terms that apply to one server and, in words, where they come from ("the lease policy of image Ubuntu 24.04").</summary>
public sealed record EffectiveLeasePolicy(LeaseTerms Terms, string Source)
{
    /// <summary>
    /// The terms for a server of <paramref name="imageId"/> owned by someone holding <paramref name="roles"/>.
    /// An image policy says what its servers are for, a role policy who asks: both are limits, so when both exist
    /// the stricter of each field applies (<see cref="LeaseTerms.StricterWith"/>). Of several roles the owner holds,
    /// the most generous role policy counts (a role grants; holding one more never shortens a lease). With neither,
    /// the default policy applies, and without one the portal's built-in default (<see cref="LeaseTerms.PortalDefault"/>).
    /// </summary>
    public static EffectiveLeasePolicy Resolve(IReadOnlyCollection<LeasePolicy> policies, Guid imageId, IReadOnlyCollection<string> roles)
    {
        var image = policies.FirstOrDefault(p => p.Scope == LeasePolicyScope.Image && Guid.TryParse(p.Subject, out var id) && id == imageId);
        var role = policies
            .Where(p => p.Scope == LeasePolicyScope.Role && roles.Contains(p.Subject, StringComparer.OrdinalIgnoreCase))
            .OrderByDescending(p => p.Terms.MaxDays).ThenByDescending(p => p.Terms.DefaultDays).ThenBy(p => p.Subject, StringComparer.Ordinal)
            .FirstOrDefault();
        return (image, role) switch
        {
            ({ } i, { } r) => new(i.Terms.StricterWith(r.Terms), $"{i.Describe()} and {r.Describe()}, the stricter of each"),
            ({ } i, null) => new(i.Terms, i.Describe()),
            (null, { } r) => new(r.Terms, r.Describe()),
            _ => policies.FirstOrDefault(p => p.Scope == LeasePolicyScope.Default) is { } d
                ? new(d.Terms, d.Describe())
                : new(LeaseTerms.PortalDefault, "the portal's built-in lease policy"),
        };
    }
}
