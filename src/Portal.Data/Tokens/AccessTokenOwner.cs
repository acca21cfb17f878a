namespace Portal.Data.Tokens;

/// <summary>Whose valid token a presented one is: its owner and its id, for the authentication handler.</summary>
public sealed record AccessTokenOwner(string TokenId, string UserId, DateTimeOffset? LastUsedAt);
