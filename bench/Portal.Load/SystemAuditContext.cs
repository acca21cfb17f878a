using Portal.Domain.Audit;

namespace Portal.Load;

/// <summary>The audit log's actor while the run seeds its people: the portal itself, as for the portal's own seeders.</summary>
internal sealed class SystemAuditContext : IAuditContext
{
    public AuditActor Current => AuditActor.System;
}
