using Portal.Domain.Leases;

namespace Portal.Provisioning.Leases;

/// <summary>The lease a new server gets: its days and the policy whose terms it keeps.</summary>
public sealed record LeaseChoice(int Days, EffectiveLeasePolicy Policy);
