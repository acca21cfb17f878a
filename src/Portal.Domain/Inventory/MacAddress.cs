using System.Text.RegularExpressions;

namespace Portal.Domain.Inventory;

/// <summary>MAC addresses as the boot server and libvirt write them: six lower-case hex pairs joined by colons.</summary>
public static partial class MacAddress
{
    public static bool IsValid(string? text) => text is not null && Pattern().IsMatch(text);

    public static string Normalize(string text) => text.Trim().Replace('-', ':').ToLowerInvariant();

    [GeneratedRegex("^[0-9A-Fa-f]{2}([:-][0-9A-Fa-f]{2}){5}\\z")]
    private static partial Regex Pattern();
}
