namespace Portal.Data.Tokens;

/// <summary>What revoking a token did.</summary>
public enum AccessTokenRevocation
{
    /// <summary>No such token (or not the caller's).</summary>
    NotFound,

    /// <summary>Revoked now (and audited).</summary>
    Revoked,

    /// <summary>It had been revoked before; nothing changed.</summary>
    AlreadyRevoked,
}
