namespace Portal.Data.Leases;

/// <summary>A server's lease: the terms as columns, and the times the keeper queries and claims on (see <c>ServerLease</c>).</summary>
public sealed class ServerLeaseRecord
{
    public Guid DeploymentId { get; set; }

    public Guid? ServerId { get; set; }

    public string? ServerName { get; set; }

    public string Owner { get; set; } = "";

    public int Days { get; set; }

    public int DefaultDays { get; set; }

    public int MaxDays { get; set; }

    public bool ExtensionNeedsApproval { get; set; }

    public int ReminderDays { get; set; }

    public int GraceDays { get; set; }

    public string PolicySource { get; set; } = "";

    public DateTimeOffset? StartsAt { get; set; }

    public DateTimeOffset? EndsAt { get; set; }

    public DateTimeOffset? RemindAt { get; set; }

    public DateTimeOffset? DecommissionAt { get; set; }

    public DateTimeOffset? RemindedFor { get; set; }

    public DateTimeOffset? DecommissionClaimedAt { get; set; }

    public string? DecommissionInstanceId { get; set; }

    public DateTimeOffset? EndedNoticeAt { get; set; }

    public DateTimeOffset? PendingUntil { get; set; }

    public string? PendingBy { get; set; }

    public string? PendingInstanceId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
