namespace Portal.Provisioning.Approvals;

/// <summary>
/// One person's decision on one approval task, recorded before the workflow is resumed with it. Its slot is what
/// makes a decision count once: the task itself when the first decision decides (two approvers at once: one wins),
/// the task and the person when every assignee decides. Applied once the workflow has taken it.
/// </summary>
public sealed record TaskDecision
{
    public required string Slot { get; init; }

    public required string TaskId { get; init; }

    public required string InstanceId { get; init; }

    /// <summary>The request the task decides on, when the workflow runs for one.</summary>
    public Guid? RequestId { get; init; }

    public required string Task { get; init; }

    public required string User { get; init; }

    /// <summary>The roles the person held when deciding: the workflow checks them again on resume.</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    public required string Outcome { get; init; }

    public string? Comment { get; init; }

    public required DateTimeOffset DecidedAt { get; init; }

    public DateTimeOffset? AppliedAt { get; init; }

    public static string SlotFor(string taskId, bool everyAssigneeDecides, string user) =>
        everyAssigneeDecides ? $"{taskId}:{user.ToLowerInvariant()}" : taskId;
}
