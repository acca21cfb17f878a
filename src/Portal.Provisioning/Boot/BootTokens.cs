using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;

namespace Portal.Provisioning.Boot;

/// <summary>
/// Issues and checks the tokens that let a booting machine call back for one deployment. A token is
/// version (1 byte) ‖ deployment id (16) ‖ expiry in Unix seconds (8), followed by an HMAC-SHA256 of those bytes
/// under the configured key, all in URL-safe base64 without padding. Nothing is stored: any node with the key can
/// check a token, and a token cannot be altered to name another deployment or to live longer.
/// </summary>
public sealed class BootTokens
{
    public const int MinimumKeyBytes = 32;

    private const byte Version = 1;
    private const int PayloadBytes = 1 + 16 + 8;
    private const int MacBytes = 32;
    private const int TokenBytes = PayloadBytes + MacBytes;

    // Mixed into the MAC so that the key, if ever shared with another use, cannot mint boot tokens there.
    private static readonly byte[] Purpose = "portal/boot-callback"u8.ToArray();

    private static readonly int TokenChars = Base64Url.GetEncodedLength(TokenBytes);

    private readonly byte[] key;
    private readonly TimeProvider time;

    public BootTokens(BootOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        key = BootOptions.DecodeKey(options.TokenKey)
            ?? throw new ArgumentException($"The boot token key must be base64 of at least {MinimumKeyBytes} bytes.", nameof(options));
        this.time = time;
    }

    /// <summary>A token naming <paramref name="deploymentId"/>, valid for <paramref name="lifetime"/> from now.</summary>
    public string Issue(Guid deploymentId, TimeSpan lifetime)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        Span<byte> token = stackalloc byte[TokenBytes];
        token[0] = Version;
        deploymentId.TryWriteBytes(token[1..17], bigEndian: true, out _);
        var expires = time.GetUtcNow().Add(lifetime).ToUnixTimeSeconds();
        BinaryPrimitives.WriteInt64BigEndian(token[17..PayloadBytes], expires);
        Sign(token[..PayloadBytes], token[PayloadBytes..]);
        return Base64Url.EncodeToString(token);
    }

    /// <summary>
    /// True, with the deployment the token names, when the token was issued with this key, is unaltered and has
    /// not expired. Malformed, tampered, foreign and expired tokens all just give false: the caller answers them
    /// alike, so a guesser learns nothing from the answer.
    /// </summary>
    public bool TryValidate(string? token, out Guid deploymentId)
    {
        deploymentId = Guid.Empty;
        if (token is null || token.Length != TokenChars || !token.All(IsBase64UrlChar))
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[TokenBytes];
        if (!Base64Url.TryDecodeFromChars(token, bytes, out var written) || written != TokenBytes || bytes[0] != Version)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[MacBytes];
        Sign(bytes[..PayloadBytes], expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, bytes[PayloadBytes..]))
        {
            return false;
        }

        var expires = BinaryPrimitives.ReadInt64BigEndian(bytes[17..PayloadBytes]);
        if (time.GetUtcNow().ToUnixTimeSeconds() >= expires)
        {
            return false;
        }

        deploymentId = new Guid(bytes[1..17], bigEndian: true);
        return true;
    }

    /// <summary>True when the token is valid and names <paramref name="deploymentId"/>.</summary>
    public bool IsValidFor(string? token, Guid deploymentId) =>
        TryValidate(token, out var named) && named == deploymentId;

    private void Sign(ReadOnlySpan<byte> payload, Span<byte> mac)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData(Purpose);
        hmac.AppendData(payload);
        hmac.GetHashAndReset(mac);
    }

    private static bool IsBase64UrlChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_';
}
