namespace Portal.Domain.Library;

/// <summary>
/// The boot-server technology (physical) or hypervisor (virtual) of a platform, and of where an artifact
/// was captured.
/// </summary>
public enum PlatformTechnology
{
    /// <summary>Network boot (PXE / iPXE) into an image writer.</summary>
    Pxe,
    /// <summary>The BMC mounts the installer as virtual media (Redfish).</summary>
    RedfishVirtualMedia,
    Kvm,
    VSphere,
    HyperV,
    VirtualBox,
    Simulated,
}
