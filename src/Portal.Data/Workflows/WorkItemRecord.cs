using Portal.Workflows.Persistence;

namespace Portal.Data.Workflows;

/// <summary>A due work item as stored, with the claim of the node working on it.</summary>
public sealed class WorkItemRecord
{
    public Guid Id { get; set; }

    public string InstanceId { get; set; } = "";

    public WorkKind Kind { get; set; }

    public string? BookmarkId { get; set; }

    public string? PayloadJson { get; set; }

    public DateTimeOffset DueAt { get; set; }

    public string? ClaimedBy { get; set; }

    public DateTimeOffset? ClaimExpiresAt { get; set; }
}
