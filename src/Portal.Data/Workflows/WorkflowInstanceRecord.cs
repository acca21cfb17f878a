using Portal.Workflows.Runtime;

namespace Portal.Data.Workflows;

/// <summary>
/// An instance as stored: its whole state as JSON, the columns lists filter on, the revision every commit
/// checks and bumps, and the lease (owner, expiry, fence number) that decides which node may change it.
/// </summary>
public sealed class WorkflowInstanceRecord
{
    public string Id { get; set; } = "";

    public string DefinitionId { get; set; } = "";

    public int DefinitionVersion { get; set; }

    public WorkflowStatus Status { get; set; }

    public string? CorrelationId { get; set; }

    public string StateJson { get; set; } = "";

    public long Revision { get; set; }

    public string? LeaseOwner { get; set; }

    public DateTimeOffset? LeaseExpiresAt { get; set; }

    public long Fence { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
