using System.ComponentModel.DataAnnotations;

namespace Portal.Provisioning.Libvirt;

/// <summary>Settings of the real KVM drivers (section Portal:Provisioning:Kvm).</summary>
public sealed class KvmOptions
{
    public const string Section = "Portal:Provisioning:Kvm";

    /// <summary>Where VM disks, their cloud-init seed files and captures are kept (a folder every host reaches: local, NFS…). Default: &lt;data&gt;/vms.</summary>
    public string? StorageFolder { get; set; }

    /// <summary>
    /// libvirt's domain type: auto (the default) reads each host and takes kvm where its CPU virtualizes and libvirt
    /// offers kvm, qemu (software emulation) otherwise; kvm or qemu force one; test is for libvirt's test driver.
    /// </summary>
    [Required]
    [RegularExpression("^(auto|kvm|qemu|test)$", ErrorMessage = "DomainType is auto, kvm, qemu or test.")]
    public string DomainType { get; set; } = "auto";

    /// <summary>
    /// libvirt's CPU mode for the guests: empty for the domain type's best (host-passthrough under kvm, maximum under
    /// qemu), or host-passthrough, host-model, maximum.
    /// </summary>
    [RegularExpression("^(host-passthrough|host-model|maximum)$", ErrorMessage = "CpuMode is host-passthrough, host-model or maximum (or empty).")]
    public string? CpuMode { get; set; }

    /// <summary>How long a guest gets to shut down cleanly before it is powered off hard.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromMinutes(2);
}
