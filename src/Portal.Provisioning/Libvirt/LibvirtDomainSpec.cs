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

    /// <summary>libvirt's hypervisor type: "kvm" in production; libvirt's test driver only accepts "test".</summary>
    public string DomainType { get; init; } = "kvm";
}
