using Portal.Domain.Quotas;

namespace Portal.Provisioning.Quotas;

/// <summary>
/// Quotas and what users hold of them. A user's holding is a running total per user that a reservation raises with
/// one conditional update (total plus the demand within every limit), and one charge per deployment that its release
/// deletes: of two concurrent reservations that would together pass a limit, one is refused; of two releases of one
/// deployment, one gives back.
/// </summary>
public interface IQuotaStore
{
    Task<IReadOnlyList<QuotaDefinition>> ListAsync(CancellationToken cancellationToken);

    Task<QuotaDefinition?> FindAsync(QuotaSubject subject, CancellationToken cancellationToken);

    /// <summary>Sets the subject's limits; limits that limit nothing remove its quota. Returns what was there before.</summary>
    Task<QuotaLimits?> SaveAsync(QuotaSubject subject, QuotaLimits limits, string? updatedBy, CancellationToken cancellationToken);

    /// <summary>The user's own quota, and those of the roles they hold (by role name): what <see cref="EffectiveQuota.Combine"/> takes.</summary>
    Task<(QuotaLimits? Own, IReadOnlyDictionary<string, QuotaLimits> Roles)> QuotasOfAsync(string user, CancellationToken cancellationToken);

    /// <summary>The portal account's user name as stored (null when there is none), for a name typed in any case.</summary>
    Task<string?> FindUserAsync(string user, CancellationToken cancellationToken);

    /// <summary>What the user holds: used (their deployment completed) and reserved (any other).</summary>
    Task<QuotaUsage> UsageAsync(string user, CancellationToken cancellationToken);

    /// <summary>
    /// Charges one share per deployment that holds none yet, if the user's total plus those shares stays within the
    /// limits. Returns null when charged (or nothing was left to charge), else what the user held.
    /// </summary>
    Task<QuotaAmounts?> TryChargeAsync(string user, Guid requestId, IReadOnlyList<Guid> deploymentIds, QuotaAmounts perServer, QuotaLimits limits, CancellationToken cancellationToken);

    /// <summary>Gives back the shares the deployments hold. Returns how many were given back (none the second time).</summary>
    Task<int> ReleaseAsync(IReadOnlyCollection<Guid> deploymentIds, CancellationToken cancellationToken);
}
