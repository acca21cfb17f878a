namespace Portal.Domain.Library.Ovf;

/// <summary>
/// Disk formats as OVF names them: a URI in a Disk's <c>ovf:format</c>, or failing that the file's extension.
/// Only the VMDK URI is widely understood, so the exporter prefers VMDK files when an image has one.
/// </summary>
public static class OvfDiskFormats
{
    public const string VmdkStreamOptimized = "http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized";

    public static DiskFormat? FromFormatUri(string? uri)
    {
        if (string.IsNullOrWhiteSpace(uri))
        {
            return null;
        }

        // Every VMDK flavour (sparse, streamOptimized, monolithicFlat) is still VMDK to a converter.
        var text = uri.ToLowerInvariant();
        return text.Contains("vmdk", StringComparison.Ordinal) ? DiskFormat.Vmdk
            : text.Contains("qcow", StringComparison.Ordinal) ? DiskFormat.Qcow2
            : text.Contains("vhdx", StringComparison.Ordinal) ? DiskFormat.Vhdx
            : text.Contains("vhd", StringComparison.Ordinal) ? DiskFormat.Vpc
            : text.Contains("vdi", StringComparison.Ordinal) ? DiskFormat.Vdi
            : text.Contains("raw", StringComparison.Ordinal) || text.Contains("img", StringComparison.Ordinal) ? DiskFormat.Raw
            : null;
    }

    public static DiskFormat? FromFileName(string? name)
    {
        var extension = Path.GetExtension(name ?? "").ToLowerInvariant();
        return extension switch
        {
            ".vmdk" => DiskFormat.Vmdk,
            ".qcow2" or ".qcow" => DiskFormat.Qcow2,
            ".vhdx" => DiskFormat.Vhdx,
            ".vhd" => DiskFormat.Vpc,
            ".vdi" => DiskFormat.Vdi,
            ".raw" or ".img" => DiskFormat.Raw,
            _ => null,
        };
    }

    /// <summary>
    /// The URI written for a format. VMDK and QCOW use the URIs their tools publish; the others get a name in our
    /// own namespace that at least says what the bytes are.
    /// </summary>
    public static string FormatUri(DiskFormat format) => format switch
    {
        DiskFormat.Vmdk => VmdkStreamOptimized,
        DiskFormat.Qcow2 => "http://www.gnome.org/~markmc/qcow-image-format.html",
        DiskFormat.Vhdx => "urn:portal:ovf:disk-format:vhdx",
        DiskFormat.Vpc => "urn:portal:ovf:disk-format:vhd",
        DiskFormat.Vdi => "urn:portal:ovf:disk-format:vdi",
        DiskFormat.Raw => "urn:portal:ovf:disk-format:raw",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Only block disk formats go into an OVF disk section."),
    };

    public static string Extension(DiskFormat format) => format switch
    {
        DiskFormat.Vmdk => "vmdk",
        DiskFormat.Qcow2 => "qcow2",
        DiskFormat.Vhdx => "vhdx",
        DiskFormat.Vpc => "vhd",
        DiskFormat.Vdi => "vdi",
        DiskFormat.Raw => "img",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Only block disk formats go into an OVF package."),
    };

    public static bool IsDisk(DiskFormat format) => format != DiskFormat.Wim;
}
