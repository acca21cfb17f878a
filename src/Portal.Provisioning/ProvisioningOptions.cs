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

    /// <summary>
    /// How long a booted image writer may take to call back before a re-run of its write step boots it again. A re-run
    /// within this window (a re-delivery after a crash) waits for the writer already booted; after it, the writer is
    /// taken for lost (the server hung, or the writer gave up calling) and booted again. Longer than the slowest image
    /// write; shorter than the wait for the callback, so the new boot has time to call back.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan WriterCallbackWindow { get; set; } = TimeSpan.FromMinutes(20);
}
