namespace Portal.Data.Tokens;

/// <summary>
/// A personal access token as stored: its public id, its owner, and the SHA-256 of its secret; never the secret.
/// A revoked token keeps its row (revoked, no longer valid) so its owner's list and the audit log agree on history.
/// </summary>
public sealed class AccessTokenRecord
{
    /// <summary>The public id (<see cref="Domain.Tokens.AccessTokenSecret.Id"/>), also the key.</summary>
    public string Id { get; set; } = "";

    public string UserId { get; set; } = "";

    public string Name { get; set; } = "";

    public byte[] SecretHash { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>The last call the token authenticated, to the minute (see <see cref="AccessTokenStore.TouchAsync"/>).</summary>
    public DateTimeOffset? LastUsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
