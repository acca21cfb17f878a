namespace Portal.Domain.Library.Ovf;

/// <summary>
/// The CIM_OperatingSystem OSType codes an OperatingSystemSection's <c>ovf:id</c> holds. Only codes whose
/// meaning is certain are listed: the list is long, full of retired systems, and a wrong guess is worse than
/// falling back to the section's free-text description.
/// </summary>
internal static class CimOperatingSystems
{
    public const int Other = 1;

    public const int Linux64 = 101;

    private static readonly Dictionary<int, (string Name, OsFamily Family, string? Distribution, string? Version)> Known = new()
    {
        [1] = ("Other", OsFamily.Other, null, null),
        [36] = ("LINUX", OsFamily.Linux, null, null),
        [76] = ("Microsoft Windows Server 2008", OsFamily.Windows, "Windows Server", "2008"),
        [77] = ("Microsoft Windows Server 2008 64-Bit", OsFamily.Windows, "Windows Server", "2008"),
        [79] = ("RedHat Enterprise Linux", OsFamily.Linux, "Red Hat Enterprise Linux", null),
        [80] = ("RedHat Enterprise Linux 64-Bit", OsFamily.Linux, "Red Hat Enterprise Linux", null),
        [93] = ("Ubuntu", OsFamily.Linux, "Ubuntu", null),
        [94] = ("Ubuntu 64-Bit", OsFamily.Linux, "Ubuntu", null),
        [95] = ("Debian", OsFamily.Linux, "Debian", null),
        [96] = ("Debian 64-Bit", OsFamily.Linux, "Debian", null),
        [101] = ("Linux 64-Bit", OsFamily.Linux, null, null),
        [102] = ("Other 64-Bit", OsFamily.Other, null, null),
        [103] = ("Microsoft Windows Server 2008 R2", OsFamily.Windows, "Windows Server", "2008 R2"),
        [107] = ("CentOS 64-bit", OsFamily.Linux, "CentOS", null),
    };

    public static (string Name, OsFamily Family, string? Distribution, string? Version)? Find(int id) =>
        Known.TryGetValue(id, out var entry) ? entry : null;

    /// <summary>The code a consumer best understands for a stack; the description carries the exact name.</summary>
    public static int CodeFor(OsFamily family, string distribution) => family switch
    {
        OsFamily.Linux when Is(distribution, "Ubuntu") => 94,
        OsFamily.Linux when Is(distribution, "Debian") => 96,
        OsFamily.Linux when Is(distribution, "Red Hat") => 80,
        OsFamily.Linux when Is(distribution, "CentOS") => 107,
        OsFamily.Linux => Linux64,
        _ => Other,
    };

    private static bool Is(string distribution, string prefix) => distribution.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);
}
