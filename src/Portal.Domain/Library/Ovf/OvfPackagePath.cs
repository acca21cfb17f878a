using System.Text.RegularExpressions;

namespace Portal.Domain.Library.Ovf;

/// <summary>
/// A file's place inside an OVF package, as a normalised relative path ("disks/disk1.vmdk"): what an
/// <c>ovf:href</c> means once percent-decoded, and what an OVA's tar entry names. Anything that would lead out of
/// the package (dot segments that climb above it, an absolute path, a drive, a URI with a scheme) is refused with
/// the reason, so whatever later copies or serves the file cannot be led to read elsewhere.
/// </summary>
public static partial class OvfPackagePath
{
    /// <summary>How many more decoding rounds are tried to catch an href encoded twice ("%252e%252e").</summary>
    private const int ExtraDecodingRounds = 2;

    /// <summary>
    /// An <c>ovf:href</c> (a URI reference relative to the descriptor) as a path inside the package. The path is
    /// what one percent-decoding gives, as the URI rules say; the href is refused if that or any further decoding
    /// (a careless consumer's) climbs out of the package.
    /// </summary>
    public static PackagePathResult FromHref(string href)
    {
        ArgumentNullException.ThrowIfNull(href);
        if (ProblemWithRaw(href) is { } raw)
        {
            return PackagePathResult.Refused(raw);
        }

        var decoded = Uri.UnescapeDataString(href);
        var result = Normalise(decoded);
        if (!result.IsValid)
        {
            return result;
        }

        var again = decoded;
        for (var round = 0; round < ExtraDecodingRounds; round++)
        {
            var next = Uri.UnescapeDataString(again);
            if (next == again)
            {
                break;
            }

            if (!Normalise(next).IsValid)
            {
                return PackagePathResult.Refused($"decoded once more it reads '{Printable(next)}', which leads outside the package");
            }

            again = next;
        }

        return result;
    }

    /// <summary>A tar entry's name as a path inside the package; names are literal, never percent-decoded.</summary>
    public static PackagePathResult FromEntryName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return ProblemWithRaw(name) is { } problem ? PackagePathResult.Refused(problem) : Normalise(name);
    }

    /// <summary>The location of a package file under <paramref name="root"/> (a folder URI ending in '/'), or null if it would not stay under it.</summary>
    public static Uri? Under(Uri root, string path)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(path);
        var folder = root.AbsoluteUri.EndsWith('/') ? root : new Uri(root.AbsoluteUri + "/");
        var relative = string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
        return Uri.TryCreate(folder, relative, out var location) && location.AbsoluteUri.StartsWith(folder.AbsoluteUri, StringComparison.Ordinal)
            ? location
            : null;
    }

    /// <summary>The path of <paramref name="location"/> relative to <paramref name="root"/>, decoded; null if it is not under it.</summary>
    public static string? Within(Uri root, Uri location)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(location);
        var folder = root.AbsoluteUri.EndsWith('/') ? root.AbsoluteUri : root.AbsoluteUri + "/";
        return location.IsAbsoluteUri && location.AbsoluteUri.StartsWith(folder, StringComparison.Ordinal)
            ? Uri.UnescapeDataString(location.AbsoluteUri[folder.Length..])
            : null;
    }

    /// <summary>Text for a message or a log line: control and format characters shown as \uXXXX, never raw.</summary>
    public static string Printable(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.Concat(text.Select(c => OvfText.IsUnsafe(c) ? $"\\u{(int)c:X4}" : c.ToString()));
    }

    private static string? ProblemWithRaw(string text) =>
        text.Length == 0 ? "it is empty"
        : text.Any(OvfText.IsUnsafe) ? "it holds control characters"
        : null;

    private static PackagePathResult Normalise(string text)
    {
        if (text.Any(OvfText.IsUnsafe) || text.Contains('\0', StringComparison.Ordinal))
        {
            return PackagePathResult.Refused("decoded, it holds control characters");
        }

        var path = text.Replace('\\', '/');
        if (SchemePrefix().Match(path) is { Success: true } scheme)
        {
            return PackagePathResult.Refused($"'{scheme.Value}' makes it a URI or a drive, not a file of the package");
        }

        if (path.StartsWith('/'))
        {
            return PackagePathResult.Refused("it is an absolute path");
        }

        if (path.Contains(':', StringComparison.Ordinal))
        {
            // Alternate data streams ("disk.vmdk:hidden") and drive-relative names have no place in a package.
            return PackagePathResult.Refused("':' is not allowed in a package file name");
        }

        var segments = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            if (segment is "" or ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (segments.Count == 0)
                {
                    return PackagePathResult.Refused("its '..' segments climb above the package");
                }

                segments.RemoveAt(segments.Count - 1);
                continue;
            }

            if (segment.Trim('.', ' ').Length == 0)
            {
                // "..." or ". ." is read as ".." by some Windows APIs.
                return PackagePathResult.Refused($"'{segment}' is not a file name");
            }

            segments.Add(segment);
        }

        return segments.Count == 0
            ? PackagePathResult.Refused("it names the package itself, not a file in it")
            : PackagePathResult.Inside(string.Join('/', segments));
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9+.-]*:")]
    private static partial Regex SchemePrefix();
}
