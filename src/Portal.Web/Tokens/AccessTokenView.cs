using Portal.Data.Tokens;

namespace Portal.Web.Tokens;

/// <summary>A token as the API lists it: its prefix, never its secret.</summary>
public sealed record AccessTokenView(
    string Id, string Prefix, string Name, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt,
    DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt, string Status)
{
    public static AccessTokenView Of(AccessTokenSummary token, DateTimeOffset now) => new(
        token.Id, token.Prefix, token.Name, token.CreatedAt, token.ExpiresAt, token.LastUsedAt, token.RevokedAt, token.StatusAt(now));
}
