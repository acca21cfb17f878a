using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Portal.Domain.Validation;

namespace Portal.Domain.Library.Ovf;

/// <summary>
/// The manifest (.mf) of an OVF package (DSP0243 §5.1): one line per file, <c>SHA1(name)= hex</c>,
/// <c>SHA256(name)= hex</c> or <c>SHA512(name)= hex</c>. Read strictly: a line that is not one of these, or whose
/// digest has the wrong length for its algorithm, is refused with its line number rather than skipped.
/// </summary>
public static partial class OvfManifest
{
    public static IReadOnlyList<string> Algorithms { get; } = ["SHA1", "SHA256", "SHA512"];

    public static ValidationResult<IReadOnlyList<OvfManifestEntry>> Parse(string text, string manifestName)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(manifestName);
        var entries = new List<OvfManifestEntry>();
        var errors = new List<ValidationError>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var where = $"Line {i + 1} of {OvfPackagePath.Printable(manifestName)}";
            var match = Line().Match(line);
            if (!match.Success)
            {
                errors.Add(new ValidationError("manifest", $"{where} is not 'SHA1(file)= digest', 'SHA256(file)= digest' or 'SHA512(file)= digest'."));
                continue;
            }

            var algorithm = match.Groups["algorithm"].Value.ToUpperInvariant();
            var digest = match.Groups["digest"].Value.ToLowerInvariant();
            if (digest.Length != DigestLength(algorithm) * 2)
            {
                errors.Add(new ValidationError("manifest", $"{where}: a {algorithm} digest is {DigestLength(algorithm) * 2} hexadecimal digits, not {digest.Length}."));
                continue;
            }

            entries.Add(new OvfManifestEntry(i + 1, algorithm, match.Groups["file"].Value, digest));
        }

        if (errors.Count == 0 && entries.Count == 0)
        {
            errors.Add(new ValidationError("manifest", $"{OvfPackagePath.Printable(manifestName)} lists no file."));
        }

        return errors.Count > 0
            ? ValidationResult<IReadOnlyList<OvfManifestEntry>>.Failure(errors)
            : ValidationResult<IReadOnlyList<OvfManifestEntry>>.Success(entries);
    }

    /// <summary>The incremental hash for a manifest algorithm name (SHA1, SHA256, SHA512).</summary>
    public static IncrementalHash Hash(string algorithm) => IncrementalHash.CreateHash(algorithm switch
    {
        "SHA1" => HashAlgorithmName.SHA1,
        "SHA256" => HashAlgorithmName.SHA256,
        "SHA512" => HashAlgorithmName.SHA512,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Manifests use SHA1, SHA256 or SHA512."),
    });

    private static int DigestLength(string algorithm) => algorithm switch
    {
        "SHA1" => 20,
        "SHA256" => 32,
        _ => 64,
    };

    // The spec writes "SHA256(name)= digest"; producers differ on the spaces around '=', so any is accepted.
    [GeneratedRegex(@"^\s*(?<algorithm>SHA1|SHA256|SHA512)\((?<file>[^\r\n]+)\)\s*=\s*(?<digest>[0-9A-Fa-f]+)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Line();
}
