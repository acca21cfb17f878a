using Portal.Domain.Library;

namespace Portal.Provisioning.Libvirt;

/// <summary>What <see cref="DomainXmlBuilder"/> turns into a libvirt domain definition.</summary>
public sealed record LibvirtDomainSpec
{
    /// <summary>The domain's name on its host: unique there, and never containing '/'.</summary>
    public required string Name { get; init; }

    /// <summary>
    /// The domain's UUID. Empty lets libvirt choose one; <see cref="LibvirtDriver.DefineAsync"/> fills it from the
    /// idempotency key, so a re-delivered define finds the domain it created.
    /// </summary>
    public Guid Uuid { get; init; }

    public required HardwareConfiguration Hardware { get; init; }

    /// <summary>One image per disk resource of <see cref="Hardware"/>, in the same order.</summary>
    public required IReadOnlyList<LibvirtDisk> Disks { get; init; }

    /// <summary>
    /// One MAC address per network interface (a network adapter resource of quantity N is N interfaces), or none:
    /// libvirt then generates them.
    /// </summary>
    public IReadOnlyList<string> MacAddresses { get; init; } = [];

    /// <summary>libvirt's hypervisor type: "kvm" where the host virtualizes, "qemu" for software emulation; libvirt's test driver only accepts "test".</summary>
    public string DomainType { get; init; } = "kvm";

    /// <summary>
    /// libvirt's CPU mode: host-passthrough, host-model, maximum, or null for the domain type's best: the host's own
    /// CPU under kvm, everything qemu can emulate ("maximum") under qemu, none otherwise.
    /// </summary>
    public string? CpuMode { get; init; }

    /// <summary>Where the host keeps what the guest writes on its serial console (through virtlogd), or null for none.</summary>
    public string? SerialLogPath { get; init; }

    /// <summary>An empty CD-ROM drive for the configuration seed (cloud-init's cidata ISO), filled in later.</summary>
    public bool SeedDrive { get; init; }

    /// <summary>
    /// The libvirt networks active on the host, or null when unknown. An interface whose network is not among them
    /// gets QEMU's user-mode networking instead (outbound NAT, no bridge needed on the host), so the VM can start.
    /// </summary>
    public IReadOnlySet<string>? ActiveNetworks { get; init; }
}
