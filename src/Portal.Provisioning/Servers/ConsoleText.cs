using System.Text.RegularExpressions;

namespace Portal.Provisioning.Servers;

/// <summary>A serial console's output made fit for a page: what a terminal would show, without what it would interpret.</summary>
public static partial class ConsoleText
{
    /// <summary>
    /// Drops terminal escape sequences (colours, cursor moves: systemd and GRUB write many), carriage returns and
    /// other control characters, keeping line breaks and tabs.
    /// </summary>
    public static string Plain(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var withoutEscapes = EscapeSequence().Replace(text, string.Empty);
        return string.Concat(withoutEscapes.Where(c => c is '\n' or '\t' || !char.IsControl(c)));
    }

    // CSI sequences (ESC [ … final byte), OSC sequences (ESC ] … BEL or ESC \), and two-character escapes.
    [GeneratedRegex(@"\x1B(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1B]*(\x07|\x1B\\)|[@-Z\\-_])")]
    private static partial Regex EscapeSequence();
}
