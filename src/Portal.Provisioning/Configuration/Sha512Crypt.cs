using System.Security.Cryptography;
using System.Text;

namespace Portal.Provisioning.Configuration;

/// <summary>
/// The SHA-512 based crypt(3) hash ("$6$…", Ulrich Drepper's specification), which cloud-init hands to
/// <c>usermod -p</c> and every glibc verifies. Written here because .NET has no crypt(3); checked against the
/// specification's test vectors and glibc's own output.
/// </summary>
internal static class Sha512Crypt
{
    /// <summary>
    /// Well above the specification's default of 5000: the hash travels on a seed medium that anyone who can
    /// read the machine's disks can copy, so each guess should cost more. One hash per deployment is ~50 ms.
    /// </summary>
    public const int PortalRounds = 100_000;

    private const int DefaultRounds = 5000;
    private const int MinRounds = 1000;
    private const int MaxRounds = 999_999_999;
    private const int MaxSaltLength = 16;
    private const string Alphabet = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    // The order in which the specification spreads the 64 digest bytes over the output characters.
    private static readonly (int, int, int)[] Triplets =
    [
        (0, 21, 42), (22, 43, 1), (44, 2, 23), (3, 24, 45), (25, 46, 4), (47, 5, 26), (6, 27, 48), (28, 49, 7),
        (50, 8, 29), (9, 30, 51), (31, 52, 10), (53, 11, 32), (12, 33, 54), (34, 55, 13), (56, 14, 35), (15, 36, 57),
        (37, 58, 16), (59, 17, 38), (18, 39, 60), (40, 61, 19), (62, 20, 41),
    ];

    /// <summary>A hash with a fresh random salt and <see cref="PortalRounds"/> rounds.</summary>
    public static string Hash(string password) =>
        Hash(password, new string(RandomNumberGenerator.GetItems(Alphabet.AsSpan(), MaxSaltLength)), PortalRounds);

    /// <summary>The hash for a given salt; <paramref name="rounds"/> null means the default, written without "rounds=".</summary>
    public static string Hash(string password, string salt, int? rounds)
    {
        var key = Encoding.UTF8.GetBytes(password);
        var saltBytes = Encoding.UTF8.GetBytes(salt);
        if (saltBytes.Length > MaxSaltLength)
        {
            saltBytes = saltBytes[..MaxSaltLength];
        }

        var roundCount = rounds is { } r ? Math.Clamp(r, MinRounds, MaxRounds) : DefaultRounds;
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);

        sha.AppendData(key);
        sha.AppendData(saltBytes);
        sha.AppendData(key);
        var alternate = sha.GetHashAndReset();

        sha.AppendData(key);
        sha.AppendData(saltBytes);
        int count;
        for (count = key.Length; count > 64; count -= 64)
        {
            sha.AppendData(alternate);
        }

        sha.AppendData(alternate, 0, count);
        for (count = key.Length; count > 0; count >>= 1)
        {
            sha.AppendData((count & 1) != 0 ? alternate : key);
        }

        var digest = sha.GetHashAndReset();

        for (count = 0; count < key.Length; count++)
        {
            sha.AppendData(key);
        }

        var keySequence = Repeat(sha.GetHashAndReset(), key.Length);

        for (count = 0; count < 16 + digest[0]; count++)
        {
            sha.AppendData(saltBytes);
        }

        var saltSequence = Repeat(sha.GetHashAndReset(), saltBytes.Length);

        for (count = 0; count < roundCount; count++)
        {
            sha.AppendData((count & 1) != 0 ? keySequence : digest);
            if (count % 3 != 0)
            {
                sha.AppendData(saltSequence);
            }

            if (count % 7 != 0)
            {
                sha.AppendData(keySequence);
            }

            sha.AppendData((count & 1) != 0 ? digest : keySequence);
            digest = sha.GetHashAndReset();
        }

        CryptographicOperations.ZeroMemory(key);
        CryptographicOperations.ZeroMemory(keySequence);

        var output = new StringBuilder("$6$");
        if (rounds is not null)
        {
            output.Append("rounds=").Append(roundCount).Append('$');
        }

        output.Append(Encoding.UTF8.GetString(saltBytes)).Append('$');
        foreach (var (first, second, third) in Triplets)
        {
            Encode(output, digest[first], digest[second], digest[third], 4);
        }

        Encode(output, 0, 0, digest[63], 2);
        return output.ToString();
    }

    private static byte[] Repeat(byte[] block, int length)
    {
        var result = new byte[length];
        for (var offset = 0; offset < length; offset += block.Length)
        {
            block.AsSpan(0, Math.Min(block.Length, length - offset)).CopyTo(result.AsSpan(offset));
        }

        return result;
    }

    private static void Encode(StringBuilder output, byte high, byte middle, byte low, int characters)
    {
        var word = (high << 16) | (middle << 8) | low;
        for (var i = 0; i < characters; i++)
        {
            output.Append(Alphabet[word & 0x3F]);
            word >>= 6;
        }
    }
}
