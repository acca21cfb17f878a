namespace Portal.Domain.Library;

/// <summary>How the machine boots the image.</summary>
public enum FirmwareType
{
    Bios,
    Uefi,
}
