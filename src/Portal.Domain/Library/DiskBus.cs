namespace Portal.Domain.Library;

/// <summary>The controller a disk hangs off; drivers inside the image must match it.</summary>
public enum DiskBus
{
    Virtio,
    Scsi,
    Sata,
    Ide,
    Nvme,
}
