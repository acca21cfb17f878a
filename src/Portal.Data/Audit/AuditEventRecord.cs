using Portal.Domain.Audit;

namespace Portal.Data.Audit;

/// <summary>The stored row of an <see cref="AuditEvent"/>: only ever inserted (see <see cref="AuditEventRecordConfiguration"/>).</summary>
public sealed class AuditEventRecord
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    public string? ActorUserId { get; set; }

    public string ActorName { get; set; } = "";

    public string? ActorDisplayName { get; set; }

    public string? ActorAddress { get; set; }

    public string? ActorUserAgent { get; set; }

    public AuditAction Action { get; set; }

    public string TargetType { get; set; } = "";

    public string TargetId { get; set; } = "";

    public string TargetName { get; set; } = "";

    public string? Detail { get; set; }

    public static AuditEventRecord From(AuditEvent audit) => new()
    {
        At = audit.At,
        ActorUserId = audit.Actor.UserId,
        ActorName = audit.Actor.Name,
        ActorDisplayName = audit.Actor.DisplayName,
        ActorAddress = audit.Actor.Address,
        ActorUserAgent = audit.Actor.UserAgent,
        Action = audit.Action,
        TargetType = audit.Target.Type,
        TargetId = audit.Target.Id,
        TargetName = audit.Target.Name,
        Detail = audit.Detail,
    };

    public AuditEvent ToEvent() => new()
    {
        Id = Id,
        At = At,
        Actor = new AuditActor(ActorUserId, ActorName, ActorDisplayName, ActorAddress, ActorUserAgent),
        Action = Action,
        Target = new AuditTarget(TargetType, TargetId, TargetName),
        Detail = Detail,
    };
}
