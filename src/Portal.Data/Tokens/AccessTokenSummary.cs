namespace Portal.Data.Tokens;

/// <summary>What a list shows of a token: its prefix (the public id), never its secret.</summary>
public sealed record AccessTokenSummary(
    string Id, string Prefix, string Name, string UserId, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt,
    DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt)
{
    /// <summary>Active, expired or revoked at <paramref name="now"/>.</summary>
    public string StatusAt(DateTimeOffset now) => RevokedAt is not null ? "revoked" : ExpiresAt <= now ? "expired" : "active";
}
