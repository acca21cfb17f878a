namespace Portal.Data.Approvals;

/// <summary>A decision on an approval task as stored; the slot is the key, so a slot is decided once.</summary>
public sealed class TaskDecisionRecord
{
    public string Slot { get; set; } = "";

    public string TaskId { get; set; } = "";

    public string InstanceId { get; set; } = "";

    public Guid? RequestId { get; set; }

    public string Task { get; set; } = "";

    public string User { get; set; } = "";

    /// <summary>The decider's roles, comma-separated.</summary>
    public string Roles { get; set; } = "";

    public string Outcome { get; set; } = "";

    public string? Comment { get; set; }

    public DateTimeOffset DecidedAt { get; set; }

    public DateTimeOffset? AppliedAt { get; set; }
}
