using Portal.Domain.Library;

namespace Portal.Provisioning.Libvirt;

/// <summary>
/// The image file behind one disk resource of a domain, as the libvirt host sees it. Sizing the file to the
/// disk resource's quantity (qemu-img resize) happens before the domain is defined; the domain XML only points at it.
/// </summary>
public sealed record LibvirtDisk
{
    /// <summary>Absolute path of the image on the libvirt host.</summary>
    public required string Path { get; init; }

    public required DiskFormat Format { get; init; }
}
