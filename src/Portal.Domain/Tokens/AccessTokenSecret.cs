using System.Security.Cryptography;
using System.Text;

namespace Portal.Domain.Tokens;

/// <summary>
/// The text of a personal access token and what is kept of it. A token reads <c>ptk_{id}_{secret}</c>: the id
/// (12 random bytes, hex) is public, stored as it is and shown in lists as the token's prefix, so a token is found by
/// key without scanning; the secret (32 random bytes, base64url) is shown once and stored only as its SHA-256.
/// A slow password hash would add nothing here: 256 random bits cannot be guessed, and every API call checks one.
/// </summary>
public sealed record AccessTokenSecret
{
    public const string Scheme = "ptk_";

    /// <summary>Length of <see cref="Id"/>: 12 bytes in hex.</summary>
    public const int IdLength = 24;

    private const int SecretBytes = 32;

    // 32 bytes in base64url without padding.
    private const int SecretLength = 43;

    private AccessTokenSecret(string id, string secret)
    {
        Id = id;
        Secret = secret;
    }

    /// <summary>The public part, also the stored key.</summary>
    public string Id { get; }

    /// <summary>The private part: never stored, logged or shown again.</summary>
    private string Secret { get; }

    /// <summary>What the caller sends after <c>Bearer </c>, shown to its owner once.</summary>
    public string Text => $"{Scheme}{Id}_{Secret}";

    /// <summary>What the database keeps of the secret.</summary>
    public byte[] Hash => HashOf(Secret);

    /// <summary>What lists show of a token: enough to recognise it, nothing to use it.</summary>
    public static string PrefixOf(string id) => $"{Scheme}{id}";

    public static AccessTokenSecret New() => new(
        Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(IdLength / 2)),
        Base64Url(RandomNumberGenerator.GetBytes(SecretBytes)));

    /// <summary>Splits a presented token into id and secret; <c>null</c> when it cannot be one of ours.</summary>
    public static AccessTokenSecret? Parse(string? text)
    {
        if (text is null || text.Length != Scheme.Length + IdLength + 1 + SecretLength
            || !text.StartsWith(Scheme, StringComparison.Ordinal) || text[Scheme.Length + IdLength] != '_')
        {
            return null;
        }

        var id = text.Substring(Scheme.Length, IdLength);
        var secret = text[(Scheme.Length + IdLength + 1)..];
        return id.All(char.IsAsciiHexDigitLower) && secret.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? new AccessTokenSecret(id, secret)
            : null;
    }

    /// <summary>Whether this token's secret hashes to <paramref name="storedHash"/>, in time independent of where they differ.</summary>
    public bool Matches(byte[] storedHash) => CryptographicOperations.FixedTimeEquals(Hash, storedHash);

    /// <summary>Never the secret, so a token that reaches a log or an exception message by accident gives nothing away.</summary>
    public override string ToString() => PrefixOf(Id);

    private static byte[] HashOf(string secret) => SHA256.HashData(Encoding.ASCII.GetBytes(secret));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
