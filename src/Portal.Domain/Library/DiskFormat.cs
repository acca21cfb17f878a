namespace Portal.Domain.Library;

/// <summary>How an image's bits are laid out. Vpc is the VHD format (Hyper-V's older and Azure's).</summary>
public enum DiskFormat
{
    Raw,
    Qcow2,
    Vmdk,
    Vhdx,
    Vpc,
    Vdi,
    /// <summary>Windows Imaging: a file-based image, applied by a Windows PE boot, not a disk.</summary>
    Wim,
}
