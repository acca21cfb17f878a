using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Portal.Domain.Library;

namespace Portal.Provisioning.Libvirt;

/// <summary>
/// Reads a domain's XML, as <c>virsh dumpxml</c> or <c>virDomainGetXMLDesc</c> return it, back into the portal's
/// hardware vocabulary: what capturing a server into the image library needs.
/// </summary>
/// <remarks>
/// The result is in one canonical order: the processor, the memory, the disks in device order, then the network
/// adapters, with consecutive interfaces on the same network counted as one adapter resource of quantity N.
/// A configuration built in that order (with each disk's bus and each adapter's network named) reads back equal to
/// itself. Only what the domain really has is reported: no GPU (<see cref="DomainXmlBuilder"/> writes none), and the
/// bus and network libvirt uses where the configuration left them open.
/// </remarks>
public static class DomainXmlReader
{
    /// <summary>The domain's hardware.</summary>
    /// <exception cref="InvalidDataException">
    /// The XML lacks something the portal needs (a disk size libvirt does not record, an architecture or bus the
    /// portal has no name for); the message says which element.
    /// </exception>
    public static HardwareConfiguration ReadHardware(string xml) => ReadHardware(Parse(xml));

    /// <inheritdoc cref="ReadHardware(string)"/>
    public static HardwareConfiguration ReadHardware(XDocument document)
    {
        var domain = Root(document);
        var os = domain.Element("os") ?? throw Missing("<os>");
        var resources = new List<ConcreteResource>
        {
            new(ResourceType.Processor, new Quantity(Vcpus(domain), ResourceUnit.Count)),
            new(ResourceType.Memory, Memory(domain)),
        };

        var sizes = DiskSizes(domain);
        foreach (var disk in DiskElements(domain))
        {
            var target = disk.Element("target")?.Attribute("dev")?.Value ?? throw Missing("<target dev> of a <disk>");
            if (!sizes.TryGetValue(target, out var bytes))
            {
                throw new InvalidDataException(
                    $"The size of disk {target} ({SourceOf(disk)}) is not in the domain XML: libvirt records no capacity for a file-backed disk, and only domains the portal defined carry it in their portal metadata.");
            }

            resources.Add(new ConcreteResource(ResourceType.Disk, Readable(bytes), Bus(disk, target)));
        }

        foreach (var group in NetworkGroups(domain))
        {
            resources.Add(new ConcreteResource(ResourceType.NetworkAdapter, new Quantity(group.Count, ResourceUnit.Count), Network: group.Network));
        }

        return new HardwareConfiguration(resources, Architecture(os), Firmware(os));
    }

    /// <summary>
    /// A template that asks for exactly the domain's hardware: each requirement fixed at the read amount (no
    /// bounds for a requester to choose within), ready for an administrator to loosen.
    /// </summary>
    /// <exception cref="InvalidDataException">As <see cref="ReadHardware(string)"/>.</exception>
    public static HardwareTemplate ReadTemplate(string xml)
    {
        var hardware = ReadHardware(xml);
        return new HardwareTemplate
        {
            Requirements = hardware.Resources.Select(r => new ResourceRequirement
            {
                Type = r.Type,
                Quantity = r.Amount.Value,
                Unit = r.Amount.Unit,
                Bus = r.Bus,
                Network = r.Network,
            }).ToList(),
            Architecture = hardware.Architecture,
            Firmware = hardware.Firmware,
        };
    }

    /// <summary>The image behind each disk, in device order: the files a capture copies.</summary>
    /// <exception cref="InvalidDataException">A disk is not a file or block device, or its format has no portal name.</exception>
    public static IReadOnlyList<LibvirtDisk> ReadDisks(string xml) =>
        DiskElements(Root(Parse(xml))).Select(disk => new LibvirtDisk
        {
            Path = SourceOf(disk) is { Length: > 0 } path
                ? path
                : throw new InvalidDataException($"Disk {disk.Element("target")?.Attribute("dev")?.Value} has no file or device source."),
            Format = Format(disk),
        }).ToList();

    /// <summary>The device names of the domain's CD-ROM drives, in device order (the first is where a configuration seed goes).</summary>
    public static IReadOnlyList<string> ReadCdromTargets(string xml) =>
        (Root(Parse(xml)).Element("devices")?.Elements("disk") ?? [])
            .Where(d => d.Attribute("device")?.Value == "cdrom")
            .Select(d => d.Element("target")?.Attribute("dev")?.Value)
            .OfType<string>()
            .ToList();

    /// <summary>The MAC address of each network interface, in device order, lower case; libvirt fills in those it chose.</summary>
    public static IReadOnlyList<string> ReadMacAddresses(string xml) =>
        (Root(Parse(xml)).Element("devices")?.Elements("interface") ?? [])
            .Select(nic => nic.Element("mac")?.Attribute("address")?.Value?.ToLowerInvariant())
            .OfType<string>()
            .ToList();

    /// <summary>The idempotency key the portal defined the domain with, or null for a domain it did not define.</summary>
    public static string? ReadIdempotencyKey(string xml) =>
        PortalMetadata(Root(Parse(xml)))?.Element(DomainXmlBuilder.MetadataNamespace + "idempotency-key")?.Value;

    /// <summary>The domain's UUID from its <c>&lt;uuid&gt;</c> element.</summary>
    public static Guid ReadUuid(string xml) =>
        Guid.TryParse(Root(Parse(xml)).Element("uuid")?.Value, out var uuid) ? uuid : throw Missing("<uuid>");

    /// <summary>The domain's name from its <c>&lt;name&gt;</c> element.</summary>
    public static string ReadName(string xml) => Root(Parse(xml)).Element("name")?.Value ?? throw Missing("<name>");

    private static XDocument Parse(string xml)
    {
        try
        {
            return XDocument.Parse(xml);
        }
        catch (XmlException ex)
        {
            throw new InvalidDataException($"The domain XML is not well-formed: {ex.Message}", ex);
        }
    }

    private static XElement Root(XDocument document) =>
        document.Root is { Name.LocalName: "domain" } root ? root : throw new InvalidDataException("The XML is not a libvirt <domain>.");

    private static InvalidDataException Missing(string what) => new($"The domain XML has no {what}.");

    private static int Vcpus(XElement domain)
    {
        var vcpu = domain.Element("vcpu") ?? throw Missing("<vcpu>");
        // 'current' is what the guest runs with when it is below the maximum the element's text gives.
        var text = vcpu.Attribute("current")?.Value ?? vcpu.Value;
        return int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0
            ? count
            : throw new InvalidDataException($"The domain's vCPU count '{text}' is not a positive whole number.");
    }

    private static Quantity Memory(XElement domain)
    {
        var memory = domain.Element("memory") ?? throw Missing("<memory>");
        if (!decimal.TryParse(memory.Value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            throw new InvalidDataException($"The domain's memory '{memory.Value}' is not a whole number.");
        }

        return Readable(value * BytesPerMemoryUnit(memory.Attribute("unit")?.Value ?? "KiB"));
    }

    /// <summary>libvirt's scaled-integer units (formatdomain.html#memory-allocation); dumpxml always writes KiB.</summary>
    private static decimal BytesPerMemoryUnit(string unit) => unit switch
    {
        "b" or "bytes" => 1m,
        "KB" => 1000m,
        "k" or "KiB" => 1024m,
        "MB" => 1000m * 1000,
        "M" or "MiB" => 1024m * 1024,
        "GB" => 1000m * 1000 * 1000,
        "G" or "GiB" => 1024m * 1024 * 1024,
        "TB" => 1000m * 1000 * 1000 * 1000,
        "T" or "TiB" => 1024m * 1024 * 1024 * 1024,
        _ => throw new InvalidDataException($"The domain's memory unit '{unit}' is not one libvirt defines."),
    };

    /// <summary>A byte count in the largest unit that keeps it whole, so it reads as "4 GiB", not "4194304 KiB".</summary>
    private static Quantity Readable(decimal bytes)
    {
        foreach (var unit in new[] { ResourceUnit.GiB, ResourceUnit.MiB, ResourceUnit.KiB })
        {
            var amount = bytes / Quantity.BytesPer(unit);
            if (amount == decimal.Truncate(amount))
            {
                return new Quantity(amount, unit);
            }
        }

        return new Quantity(bytes, ResourceUnit.Byte);
    }

    private static CpuArchitecture Architecture(XElement os)
    {
        var arch = os.Element("type")?.Attribute("arch")?.Value ?? throw Missing("<os><type arch>");
        return arch switch
        {
            "x86_64" => CpuArchitecture.X86_64,
            "aarch64" => CpuArchitecture.Aarch64,
            _ => throw new InvalidDataException($"The domain's architecture '{arch}' is not one the portal supports (x86_64, aarch64)."),
        };
    }

    private static FirmwareType Firmware(XElement os)
    {
        // Firmware autoselection writes firmware='efi'; a hand-picked UEFI build shows as a pflash loader instead.
        var uefi = os.Attribute("firmware")?.Value == "efi" || os.Element("loader")?.Attribute("type")?.Value == "pflash";
        return uefi ? FirmwareType.Uefi : FirmwareType.Bios;
    }

    /// <summary>Hard disks only: CD-ROMs, floppies and LUN passthrough are not disk resources.</summary>
    private static IEnumerable<XElement> DiskElements(XElement domain) =>
        domain.Element("devices")?.Elements("disk").Where(d => (d.Attribute("device")?.Value ?? "disk") == "disk") ?? [];

    private static string SourceOf(XElement disk)
    {
        var source = disk.Element("source");
        return source?.Attribute("file")?.Value ?? source?.Attribute("dev")?.Value ?? string.Empty;
    }

    private static DiskBus Bus(XElement disk, string target)
    {
        var bus = disk.Element("target")?.Attribute("bus")?.Value;
        return bus switch
        {
            "virtio" => DiskBus.Virtio,
            "scsi" => DiskBus.Scsi,
            "sata" => DiskBus.Sata,
            "ide" => DiskBus.Ide,
            _ => throw new InvalidDataException($"Disk {target} is on bus '{bus}', which the portal has no name for (virtio, scsi, sata, ide)."),
        };
    }

    private static DiskFormat Format(XElement disk)
    {
        // No driver type means raw: libvirt stopped probing image formats long ago.
        var type = disk.Element("driver")?.Attribute("type")?.Value ?? "raw";
        return type switch
        {
            "raw" => DiskFormat.Raw,
            "qcow2" => DiskFormat.Qcow2,
            "vmdk" => DiskFormat.Vmdk,
            "vpc" => DiskFormat.Vpc,
            "vdi" => DiskFormat.Vdi,
            _ => throw new InvalidDataException($"Disk format '{type}' has no portal name; convert the image to qcow2 or raw."),
        };
    }

    private static XElement? PortalMetadata(XElement domain) =>
        domain.Element("metadata")?.Element(DomainXmlBuilder.MetadataNamespace + "domain");

    private static Dictionary<string, decimal> DiskSizes(XElement domain)
    {
        var sizes = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var disk in PortalMetadata(domain)?.Elements(DomainXmlBuilder.MetadataNamespace + "disk") ?? [])
        {
            if (disk.Attribute("target")?.Value is { } target
                && decimal.TryParse(disk.Attribute("bytes")?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes))
            {
                sizes[target] = bytes;
            }
        }

        return sizes;
    }

    private static List<(string? Network, int Count)> NetworkGroups(XElement domain)
    {
        var groups = new List<(string? Network, int Count)>();
        foreach (var nic in domain.Element("devices")?.Elements("interface") ?? [])
        {
            var source = nic.Element("source");
            // A libvirt network by name; a host bridge by its name; other kinds (user, direct) have no network name.
            var network = source?.Attribute("network")?.Value ?? source?.Attribute("bridge")?.Value;
            if (groups.Count > 0 && groups[^1].Network == network)
            {
                groups[^1] = (network, groups[^1].Count + 1);
            }
            else
            {
                groups.Add((network, 1));
            }
        }

        return groups;
    }
}
