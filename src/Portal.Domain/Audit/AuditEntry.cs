namespace Portal.Domain.Audit;

/// <summary>
/// What a feature tells the audit log: the action, its target and a short detail in words. Who, from where and when
/// are added by the log itself (<see cref="IAuditContext"/>, the clock). The detail is read by admins and exported:
/// it never holds a secret (a password, a token, a value of a parameter marked secret), only facts about the change.
/// </summary>
public sealed record AuditEntry(AuditAction Action, AuditTarget Target, string? Detail = null)
{
    /// <summary>For the personal access tokens feature: a token was created (never pass the token itself).</summary>
    public static AuditEntry TokenCreated(string tokenId, string tokenName, DateTimeOffset? expiresAt) => new(
        AuditAction.TokenCreated, AuditTarget.Token(tokenId, tokenName),
        expiresAt is { } at ? $"Expires {at.UtcDateTime:yyyy-MM-dd HH:mm} UTC." : "Does not expire.");

    /// <summary>For the personal access tokens feature: a token was revoked.</summary>
    public static AuditEntry TokenRevoked(string tokenId, string tokenName) =>
        new(AuditAction.TokenRevoked, AuditTarget.Token(tokenId, tokenName), "Revoked.");
}
