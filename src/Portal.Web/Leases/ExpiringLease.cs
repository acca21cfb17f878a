using Portal.Domain.Deployments;
using Portal.Domain.Leases;

namespace Portal.Web.Leases;

/// <summary>A lease ending soon (or ended, in its grace period) with its server's status, for the admins' list.</summary>
public sealed record ExpiringLease(ServerLease Lease, ServerStatus? Status);
