using Portal.Domain.Audit;

namespace Portal.Data.Tests.Audit;

/// <summary>Whoever the test says is acting.</summary>
internal sealed class FixedAuditContext : IAuditContext
{
    public AuditActor Current { get; set; } = new("u-alice", "alice@portal.local", "Alice Admin", "192.0.2.10", "TestAgent/1.0");
}
