using System.Text.RegularExpressions;

namespace Portal.Domain.Library.Ovf;

/// <summary>
/// What an OperatingSystemSection says about the guest, read best effort: producers put the useful part in the
/// free-text description ("Microsoft Windows Server 2022 (64-bit)"), the CIM code is often just "Other".
/// </summary>
internal sealed partial record OvfOperatingSystem(OsFamily Family, string Distribution, string Version, CpuArchitecture Architecture)
{
    public const string UnknownVersion = "unknown";

    // Checked in order: more specific names first, so "openSUSE" is not read as SUSE and "Oracle Linux" not as Linux.
    private static readonly (string Needle, string Distribution, OsFamily Family)[] Distributions =
    [
        ("red hat enterprise linux", "Red Hat Enterprise Linux", OsFamily.Linux),
        ("redhat", "Red Hat Enterprise Linux", OsFamily.Linux),
        ("rhel", "Red Hat Enterprise Linux", OsFamily.Linux),
        ("ubuntu", "Ubuntu", OsFamily.Linux),
        ("debian", "Debian", OsFamily.Linux),
        ("centos", "CentOS", OsFamily.Linux),
        ("rocky", "Rocky Linux", OsFamily.Linux),
        ("almalinux", "AlmaLinux", OsFamily.Linux),
        ("oracle linux", "Oracle Linux", OsFamily.Linux),
        ("oracle enterprise linux", "Oracle Linux", OsFamily.Linux),
        ("opensuse", "openSUSE", OsFamily.Linux),
        ("sles", "SUSE Linux Enterprise Server", OsFamily.Linux),
        ("suse linux enterprise", "SUSE Linux Enterprise Server", OsFamily.Linux),
        ("fedora", "Fedora", OsFamily.Linux),
        ("photon", "Photon OS", OsFamily.Linux),
        ("windows server", "Windows Server", OsFamily.Windows),
        ("windows", "Windows", OsFamily.Windows),
        ("freebsd", "FreeBSD", OsFamily.Other),
    ];

    public static OvfOperatingSystem Guess(int? cimCode, string? description, string? vmwareOsType)
    {
        var cim = cimCode is { } code ? CimOperatingSystems.Find(code) : null;
        var text = Clean(description);
        var haystack = $"{text} {vmwareOsType}".ToLowerInvariant();
        var raw = $"{description} {vmwareOsType}".ToLowerInvariant();

        var known = Distributions.FirstOrDefault(d => haystack.Contains(d.Needle, StringComparison.Ordinal));
        // VMware spells server editions in the osType ("windows2019srv_64Guest"), not always in the description.
        if (known.Distribution == "Windows" && (vmwareOsType ?? "").Contains("srv", StringComparison.OrdinalIgnoreCase))
        {
            known = ("windows server", "Windows Server", OsFamily.Windows);
        }

        var family = known.Distribution is not null ? known.Family
            : haystack.Contains("linux", StringComparison.Ordinal) ? OsFamily.Linux
            : cim?.Family ?? OsFamily.Other;

        var version = VersionPattern().Match(text) is { Success: true } match ? match.Value : cim?.Version ?? UnknownVersion;

        var distribution = known.Distribution
            ?? cim?.Distribution
            ?? (text.Length > 0 ? WithoutVersion(text, version) : null)
            ?? (family == OsFamily.Linux ? "Linux" : cim?.Name ?? "Unknown");

        var architecture = ArmPattern().IsMatch(raw) ? CpuArchitecture.Aarch64 : CpuArchitecture.X86_64;
        return new OvfOperatingSystem(family, distribution, version, architecture);
    }

    /// <summary>The description without bitness remarks, which would otherwise be taken for a version ("64").</summary>
    private static string Clean(string? description)
    {
        var text = Parenthesised().Replace(description ?? "", " ");
        text = Bitness().Replace(text, " ").Replace('_', ' ');
        return Spaces().Replace(text, " ").Trim();
    }

    private static string? WithoutVersion(string text, string version)
    {
        var name = version == UnknownVersion ? text : text.Replace(version, "", StringComparison.Ordinal).Trim();
        return name.Length > 0 ? name : null;
    }

    [GeneratedRegex(@"\([^)]*\)")]
    private static partial Regex Parenthesised();

    [GeneratedRegex(@"(?i)\b(x86[_-]64|amd64|x64|arm64|aarch64)\b|[_ -]?(32|64)[ -]?bit\b|_(32|64)\b")]
    private static partial Regex Bitness();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\b\d+(\.\d+)*( R2)?\b")]
    private static partial Regex VersionPattern();

    [GeneratedRegex(@"aarch64|arm64|(^|[^a-z])arm([^a-z]|$)")]
    private static partial Regex ArmPattern();
}
