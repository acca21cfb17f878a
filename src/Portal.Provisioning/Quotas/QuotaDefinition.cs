using Portal.Domain.Quotas;

namespace Portal.Provisioning.Quotas;

/// <summary>A quota an admin set, with when and by whom it was last changed.</summary>
public sealed record QuotaDefinition(QuotaSubject Subject, QuotaLimits Limits, DateTimeOffset UpdatedAt, string? UpdatedBy);
