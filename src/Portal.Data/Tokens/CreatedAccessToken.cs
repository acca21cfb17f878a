namespace Portal.Data.Tokens;

/// <summary>A token just created: its summary and, this once, the token itself.</summary>
public sealed record CreatedAccessToken(AccessTokenSummary Summary, string Token);
