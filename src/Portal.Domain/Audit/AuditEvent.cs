namespace Portal.Domain.Audit;

/// <summary>
/// One record of the audit log as stored: never changed or removed once written. Texts are clipped to the stored
/// lengths by <see cref="Of"/>, so a long name can never make the record (and the action with it) fail.
/// </summary>
public sealed record AuditEvent
{
    public const int NameLength = 256;
    public const int IdLength = 128;
    public const int AddressLength = 64;
    public const int UserAgentLength = 512;
    public const int DetailLength = 1000;

    /// <summary>The database's own order of writing; 0 until stored.</summary>
    public long Id { get; init; }

    public required DateTimeOffset At { get; init; }

    public required AuditActor Actor { get; init; }

    public required AuditAction Action { get; init; }

    public required AuditTarget Target { get; init; }

    public string? Detail { get; init; }

    public static AuditEvent Of(AuditEntry entry, AuditActor actor, DateTimeOffset at) => new()
    {
        At = at,
        Actor = new AuditActor(
            Clip(actor.UserId, IdLength), Clip(actor.Name, NameLength) ?? AuditActor.SystemName, Clip(actor.DisplayName, NameLength),
            Clip(actor.Address, AddressLength), Clip(actor.UserAgent, UserAgentLength)),
        Action = entry.Action,
        Target = new AuditTarget(Clip(entry.Target.Type, 32) ?? "", Clip(entry.Target.Id, IdLength) ?? "", Clip(entry.Target.Name, NameLength) ?? ""),
        Detail = Clip(string.IsNullOrWhiteSpace(entry.Detail) ? null : entry.Detail.Trim(), DetailLength),
    };

    private static string? Clip(string? text, int max) => text is null || text.Length <= max ? text : text[..(max - 1)] + "…";
}
