namespace Portal.Provisioning.Libvirt;

/// <summary>What a libvirt host can give a guest, read from the host itself rather than configured.</summary>
public sealed record LibvirtHost
{
    /// <summary>
    /// libvirt offers the <c>kvm</c> domain type and the host CPU shows hardware virtualization (vmx or svm). libvirt
    /// alone is not enough: a nested host can expose a /dev/kvm that stock guests cannot use (QEMU then aborts).
    /// </summary>
    public required bool KvmUsable { get; init; }

    /// <summary>The libvirt networks that are active now: a NIC on any other network could not start.</summary>
    public required IReadOnlySet<string> ActiveNetworks { get; init; }

    /// <summary>The domain type to define guests with: <c>kvm</c> where it works, software emulation (<c>qemu</c>) otherwise.</summary>
    public string DomainType => KvmUsable ? "kvm" : "qemu";
}
