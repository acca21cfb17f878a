namespace Portal.Workflows.Persistence;

/// <summary>
/// Due work as a row: written in the same transaction as the state change that caused it, claimed by one
/// node at a time, deleted in the same transaction as the state change it produced.
/// </summary>
public sealed record WorkItem(Guid Id, string InstanceId, WorkKind Kind, DateTimeOffset DueAt, string? BookmarkId = null, string? PayloadJson = null)
{
    public static WorkItem New(string instanceId, WorkKind kind, DateTimeOffset dueAt, string? bookmarkId = null, string? payloadJson = null) =>
        new(Guid.CreateVersion7(), instanceId, kind, dueAt, bookmarkId, payloadJson);
}
