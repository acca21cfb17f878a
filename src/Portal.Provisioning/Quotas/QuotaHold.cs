using Portal.Domain.Quotas;

namespace Portal.Provisioning.Quotas;

/// <summary>
/// What a new request takes of its requester's quota: one share per server (each deployment holds its own, so a
/// decommissioned server gives back exactly its share), within the limits that hold for the requester.
/// </summary>
public sealed record QuotaHold(EffectiveQuota Quota, QuotaAmounts PerServer);
