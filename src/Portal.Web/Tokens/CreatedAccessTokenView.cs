namespace Portal.Web.Tokens;

/// <summary>The answer to creating a token: the token itself, this once (keep it; it is not shown again), and its listing.</summary>
public sealed record CreatedAccessTokenView(string Token, AccessTokenView Details);
