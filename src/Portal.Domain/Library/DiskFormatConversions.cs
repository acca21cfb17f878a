namespace Portal.Domain.Library;

/// <summary>
/// Which formats can be turned into which. Block-level disk formats convert into each other (what
/// qemu-img does); a file-based WIM is not a disk and converts into none of them, nor they into it.
/// Compatibility asks this, so a new format or converter changes every answer at once.
/// </summary>
public static class DiskFormatConversions
{
    private static readonly HashSet<DiskFormat> BlockFormats =
        [DiskFormat.Raw, DiskFormat.Qcow2, DiskFormat.Vmdk, DiskFormat.Vhdx, DiskFormat.Vpc, DiskFormat.Vdi];

    public static bool CanConvert(DiskFormat from, DiskFormat to) =>
        from != to && BlockFormats.Contains(from) && BlockFormats.Contains(to);
}
