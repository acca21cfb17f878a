namespace Portal.Domain.Library;

/// <summary>
/// Which driver serves a platform: the simulated datacenter, or real infrastructure through libvirt (KVM/QEMU hosts)
/// or Redfish BMCs (bare metal, booted by iPXE or virtual media).
/// </summary>
public enum PlatformDriver
{
    /// <summary>The portal's simulated datacenter: deployments complete, nothing real is created.</summary>
    Simulated,

    /// <summary>libvirt's C API on the platform's hypervisor hosts.</summary>
    Libvirt,

    /// <summary>The servers' BMCs over Redfish, with the image writer booted by iPXE or virtual media.</summary>
    Redfish,
}
