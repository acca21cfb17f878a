using System.ComponentModel.DataAnnotations;

namespace Portal.Provisioning.Libvirt;

/// <summary>Where the libvirt driver connects.</summary>
public sealed record LibvirtOptions
{
    /// <summary>
    /// A libvirt connection URI: <c>qemu:///system</c> for the local host, <c>qemu+ssh://user@host/system</c> for a
    /// remote one, <c>test:///default</c> for libvirt's in-memory test hypervisor.
    /// </summary>
    [Required]
    public string Uri { get; init; } = "qemu:///system";
}
