namespace Portal.Provisioning.Redfish;

/// <summary>
/// One-time boot sources (Boot.BootSourceOverrideTarget); the names are the Redfish values. UsbCd is not in the
/// DMTF enumeration but some BMCs use it for their virtual CD.
/// </summary>
public enum BootTarget
{
    Pxe,
    Cd,
    UsbCd,
    Hdd,
}
