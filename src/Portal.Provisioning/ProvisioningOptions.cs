using System.ComponentModel.DataAnnotations;

namespace Portal.Provisioning;

/// <summary>Provisioning settings (section Portal:Provisioning); appsettings.sample.json documents each.</summary>
public sealed class ProvisioningOptions
{
    public const string Section = "Portal:Provisioning";

    /// <summary>Simulated (the embedded datacenter) or Real (libvirt for KVM, Redfish + iPXE for bare metal, qemu-img).</summary>
    public DriverMode Drivers { get; set; } = DriverMode.Simulated;

    /// <summary>How long hardware stays held for a deployment that has not finished; then it goes back to the pool.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan ReservationLifetime { get; set; } = TimeSpan.FromHours(4);
}
