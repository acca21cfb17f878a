using Portal.Domain.Library;

namespace Portal.Provisioning.Conversion;

/// <summary>The portal's disk formats under the names qemu-img uses for them on the command line and in <c>info</c>.</summary>
public static class QemuImgFormats
{
    private static readonly Dictionary<DiskFormat, string> Names = new()
    {
        [DiskFormat.Raw] = "raw",
        [DiskFormat.Qcow2] = "qcow2",
        [DiskFormat.Vmdk] = "vmdk",
        [DiskFormat.Vhdx] = "vhdx",
        [DiskFormat.Vdi] = "vdi",
        [DiskFormat.Vpc] = "vpc",
    };

    public static bool Supports(DiskFormat format) => Names.ContainsKey(format);

    /// <summary>The qemu-img name; a format qemu-img cannot read or write is refused with the reason.</summary>
    public static string NameOf(DiskFormat format) => Names.TryGetValue(format, out var name)
        ? name
        : throw new NotSupportedException(format == DiskFormat.Wim
            ? "qemu-img cannot read or write WIM: a WIM is a set of files applied by Windows PE, not a disk image."
            : $"qemu-img has no format for {format}.");

    /// <summary>The portal's format for a qemu-img name, or null for one it does not handle (luks, qed, dmg…).</summary>
    public static DiskFormat? FromName(string name)
    {
        foreach (var (format, qemuName) in Names)
        {
            if (string.Equals(qemuName, name, StringComparison.OrdinalIgnoreCase))
            {
                return format;
            }
        }

        return null;
    }
}
