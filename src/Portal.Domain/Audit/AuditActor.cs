namespace Portal.Domain.Audit;

/// <summary>
/// Who acted and from where, as it was at the time: a later change of name or e-mail does not rewrite history.
/// <see cref="UserId"/> is null for an anonymous caller (a failed sign-in) and for the portal itself.
/// </summary>
public sealed record AuditActor(string? UserId, string Name, string? DisplayName, string? Address, string? UserAgent)
{
    /// <summary>The name of the portal acting on its own (seeding, background work): no person, no address.</summary>
    public const string SystemName = "portal";

    public static AuditActor System { get; } = new(null, SystemName, null, null, null);

    /// <summary>Someone not signed in, known only by address (and user agent).</summary>
    public static AuditActor Anonymous(string? address, string? userAgent) => new(null, "anonymous", null, address, userAgent);
}
