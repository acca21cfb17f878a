using Portal.Domain.Library;

namespace Portal.Provisioning.Libvirt;

/// <summary>A domain as libvirt reports it.</summary>
public sealed record LibvirtDomain
{
    public required string Name { get; init; }

    public required Guid Uuid { get; init; }

    public required LibvirtDomainState State { get; init; }

    /// <summary>The domain XML as <c>virsh dumpxml</c> shows it (the live definition while it runs).</summary>
    public required string Xml { get; init; }

    /// <summary>
    /// The hardware read from <see cref="Xml"/>, or null when the XML does not describe it fully: libvirt records no
    /// capacity for file-backed disks, so a domain the portal did not define (no portal metadata) has no known disk
    /// size. <see cref="DomainXmlReader.ReadHardware"/> on <see cref="Xml"/> says what is missing.
    /// </summary>
    public HardwareConfiguration? Hardware { get; init; }

    /// <summary>The idempotency key the portal defined the domain with, from its metadata; null for other domains.</summary>
    public string? IdempotencyKey { get; init; }
}
