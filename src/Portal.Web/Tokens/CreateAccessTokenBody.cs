using Portal.Domain.Tokens;

namespace Portal.Web.Tokens;

/// <summary>A new token: a name saying what will use it, and its lifetime in days (1 to 365; every token expires).</summary>
public sealed record CreateAccessTokenBody(string? Name, int ExpiresInDays = AccessTokenLifetime.DefaultDays);
