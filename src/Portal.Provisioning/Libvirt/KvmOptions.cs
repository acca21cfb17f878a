using System.ComponentModel.DataAnnotations;

namespace Portal.Provisioning.Libvirt;

/// <summary>Settings of the real KVM drivers (section Portal:Provisioning:Kvm).</summary>
public sealed class KvmOptions
{
    public const string Section = "Portal:Provisioning:Kvm";

    /// <summary>Where VM disks, their cloud-init seed files and captures are kept (a folder every host reaches: local, NFS…). Default: &lt;data&gt;/vms.</summary>
    public string? StorageFolder { get; set; }

    /// <summary>libvirt's domain type: kvm on real hosts; qemu for emulation; test for libvirt's test driver.</summary>
    [Required]
    public string DomainType { get; set; } = "kvm";

    /// <summary>How long a guest gets to shut down cleanly before it is powered off hard.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromMinutes(2);
}
