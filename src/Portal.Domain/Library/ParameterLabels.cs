using System.Globalization;

namespace Portal.Domain.Library;

/// <summary>
/// What people read for a configuration parameter. Names are written for machines (<c>adminPassword</c>,
/// <c>ntp.servers</c>); a label is written for people, and a parameter without one still shows its name as words.
/// </summary>
public static class ParameterLabels
{
    /// <summary>A label is a field caption, not a sentence: anything longer belongs in the description.</summary>
    public const int MaxLength = 100;

    /// <summary>
    /// Words people write upper-case (or in a fixed mixed case), keyed case-insensitively; longest first, so that
    /// "ipv4" is read as one word rather than "ip" and a stray "v4".
    /// </summary>
    private static readonly string[] FixedWords =
    [
        .. new[]
        {
            "IP", "IPv4", "IPv6", "DNS", "NTP", "SSH", "URL", "URI", "ID", "UUID", "VLAN", "MTU", "FQDN", "CIDR", "MAC",
            "HTTP", "HTTPS", "TLS", "CPU", "GPU", "API", "VM", "OS", "DB", "KiB", "MiB", "GiB", "TiB", "KB", "MB", "GB", "TB",
        }.OrderByDescending(w => w.Length),
    ];

    /// <summary>
    /// The name as words: split at camelCase, '.', '_', '-' and digits; known abbreviations upper-case, every other
    /// word lower-case, the first capitalised. "adminPassword" → "Admin password", "ntp.servers" → "NTP servers",
    /// "sshAuthorizedKey" → "SSH authorized key".
    /// </summary>
    public static string FromName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var words = name.Split(['.', '_', '-', ' '], StringSplitOptions.RemoveEmptyEntries).SelectMany(SplitCamelCase).Select(Shape).ToList();
        if (words.Count == 0)
        {
            return name;
        }

        if (char.IsLower(words[0][0]))
        {
            words[0] = char.ToUpperInvariant(words[0][0]) + words[0][1..];
        }

        return string.Join(' ', words);
    }

    /// <summary>Why a label cannot be used, or null when it can. The message is for the person who typed it.</summary>
    public static string? ProblemWith(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        if (string.IsNullOrWhiteSpace(label))
        {
            return "A label needs some text; leave it empty to show the name as words.";
        }

        if (label.Length > MaxLength)
        {
            return $"A label is at most {MaxLength} characters; say the rest in the description.";
        }

        return label.Any(IsControl) ? "A label is one line of plain text, without control characters." : null;
    }

    /// <summary>
    /// Line breaks and control characters would break the one-line caption of a form field; the bidirectional
    /// embedding, override and isolate characters could make a label read as something it is not.
    /// </summary>
    private static bool IsControl(char c) =>
        char.IsControl(c)
        || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
        || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';

    private static IEnumerable<string> SplitCamelCase(string part)
    {
        var i = 0;
        while (i < part.Length)
        {
            var length = FixedWordAt(part, i) ?? WordAt(part, i);
            yield return part.Substring(i, length);
            i += length;
        }
    }

    /// <summary>The length of a known abbreviation starting at <paramref name="start"/> and ending where a word ends.</summary>
    private static int? FixedWordAt(string part, int start)
    {
        foreach (var word in FixedWords)
        {
            var end = start + word.Length;
            if (end <= part.Length && string.Compare(part, start, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) == 0
                && EndsWord(part, end))
            {
                return word.Length;
            }
        }

        return null;
    }

    /// <summary>
    /// Whether a word may end just before <paramref name="end"/>: at the end, before a digit, where lower case turns
    /// to upper ("ip|Address"), or where an upper-case run gives way to a capitalised word ("DNS|Servers"), but not
    /// inside an upper-case word ("ID" is not the start of "IDLE").
    /// </summary>
    private static bool EndsWord(string part, int end)
    {
        if (end == part.Length || !char.IsLetter(part[end]))
        {
            return true;
        }

        var last = part[end - 1];
        var next = part[end];
        return char.IsUpper(next) && (!char.IsUpper(last) || end + 1 < part.Length && char.IsLower(part[end + 1]));
    }

    /// <summary>The length of the ordinary word at <paramref name="start"/>: digits, "Word", "word" or an upper-case run.</summary>
    private static int WordAt(string part, int start)
    {
        var first = part[start];
        var i = start + 1;
        if (char.IsDigit(first))
        {
            while (i < part.Length && char.IsDigit(part[i]))
            {
                i++;
            }

            return i - start;
        }

        if (char.IsUpper(first) && i < part.Length && char.IsUpper(part[i]))
        {
            // An upper-case run; its last capital starts the next word when a lower-case letter follows ("HTTPServer").
            while (i < part.Length && char.IsUpper(part[i]))
            {
                i++;
            }

            return i < part.Length && char.IsLower(part[i]) ? i - 1 - start : i - start;
        }

        while (i < part.Length && !char.IsUpper(part[i]) && !char.IsDigit(part[i]))
        {
            i++;
        }

        return i - start;
    }

    private static string Shape(string word) =>
        FixedWords.FirstOrDefault(w => string.Equals(w, word, StringComparison.OrdinalIgnoreCase))
        ?? word.ToLowerInvariant();
}
