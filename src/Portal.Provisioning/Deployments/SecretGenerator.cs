using System.Security.Cryptography;

namespace Portal.Provisioning.Deployments;

/// <summary>Strong initial passwords for secrets the portal generates: every character class, from the OS's CSPRNG.</summary>
public static class SecretGenerator
{
    // No look-alikes (0/O, 1/l/I) and no characters that shells, YAML or answer files treat specially.
    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Lower = "abcdefghijkmnopqrstuvwxyz";
    private const string Digits = "23456789";
    private const string Symbols = "-_.+=@%";

    public static string Password(int length = 20)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 8);
        var all = Upper + Lower + Digits + Symbols;
        var chars = new char[length];
        chars[0] = Pick(Upper);
        chars[1] = Pick(Lower);
        chars[2] = Pick(Digits);
        chars[3] = Pick(Symbols);
        for (var i = 4; i < length; i++)
        {
            chars[i] = Pick(all);
        }

        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }

    private static char Pick(string from) => from[RandomNumberGenerator.GetInt32(from.Length)];
}
