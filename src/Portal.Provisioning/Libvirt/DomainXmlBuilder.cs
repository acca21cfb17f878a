using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Portal.Domain.Library;

namespace Portal.Provisioning.Libvirt;

/// <summary>
/// Turns a <see cref="LibvirtDomainSpec"/> into libvirt domain XML (https://libvirt.org/formatdomain.html).
/// Everything qemu cannot run is refused here with an <see cref="ArgumentException"/> naming the fix, so a bad
/// request fails before any host is touched rather than with a hypervisor message at start time.
/// </summary>
/// <remarks>
/// <para>
/// Machine: x86_64 gets q35 (PCIe, SATA, what current guests expect) unless a disk is on the IDE bus, which q35
/// does not have: then the older i440fx <c>pc</c> machine. aarch64 gets <c>virt</c>, boots only UEFI and has no IDE.
/// </para>
/// <para>
/// GPUs are refused. Giving a guest a GPU means passing through one host PCI device (<c>&lt;hostdev&gt;</c>),
/// whose address is chosen when the host is picked, and the spec carries no such address: a VM quietly made
/// without the GPU it was asked for would be worse than a deployment that says why it cannot be made.
/// </para>
/// <para>
/// libvirt keeps no disk capacity in the XML of a file-backed disk, so the portal writes each disk's size, and the
/// idempotency key it defined the domain with, in its own <c>&lt;metadata&gt;</c> element
/// (<see cref="MetadataNamespace"/>); libvirt stores that element untouched.
/// </para>
/// </remarks>
public static partial class DomainXmlBuilder
{
    /// <summary>The namespace of the portal's element inside a domain's <c>&lt;metadata&gt;</c>.</summary>
    public static readonly XNamespace MetadataNamespace = "urn:portal:libvirt:1";

    /// <summary>Builds the domain XML; <paramref name="idempotencyKey"/>, when given, is recorded in the metadata.</summary>
    /// <exception cref="ArgumentException">The spec describes something libvirt or qemu cannot run.</exception>
    public static XDocument Build(LibvirtDomainSpec spec, string? idempotencyKey = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        CheckName(spec.Name);
        if (string.IsNullOrWhiteSpace(spec.DomainType))
        {
            throw new ArgumentException("The domain type is empty: use \"kvm\" (or \"test\" for libvirt's test driver).", nameof(spec));
        }

        var hardware = spec.Hardware;
        if (hardware.OfType(ResourceType.Gpu).Any())
        {
            throw new ArgumentException(
                "The hardware asks for a GPU, and GPU passthrough (a host PCI device per VM) is not supported by the KVM driver yet: deploy this image to a physical server.",
                nameof(spec));
        }

        var diskResources = hardware.OfType(ResourceType.Disk).ToList();
        if (diskResources.Count != spec.Disks.Count)
        {
            throw new ArgumentException(
                $"The hardware has {diskResources.Count} disk(s) but {spec.Disks.Count} image(s) were given: each disk resource needs one image (path and format), in order.",
                nameof(spec));
        }

        var disks = Disks(hardware, diskResources, spec.Disks);
        var interfaces = Interfaces(hardware, spec.MacAddresses);
        var usesIde = disks.Any(d => d.Bus == DiskBus.Ide);

        var domain = new XElement("domain",
            new XAttribute("type", spec.DomainType),
            new XElement("name", spec.Name),
            spec.Uuid == Guid.Empty ? null : new XElement("uuid", spec.Uuid.ToString("D")),
            Metadata(idempotencyKey, disks),
            new XElement("memory", new XAttribute("unit", "KiB"), MemoryKib(hardware)),
            new XElement("currentMemory", new XAttribute("unit", "KiB"), MemoryKib(hardware)),
            new XElement("vcpu", Vcpus(hardware)),
            Os(hardware, usesIde),
            Features(hardware.Architecture),
            Cpu(spec),
            new XElement("devices",
                disks.Select((disk, index) => DiskElement(disk, bootOrder: index == 0 ? 1 : null)),
                // qemu's default SCSI controller (lsilogic) is missing from many qemu builds and has no drivers in
                // current guests; virtio-scsi is the one to use.
                disks.Any(d => d.Bus == DiskBus.Scsi) || (spec.SeedDrive && hardware.Architecture == CpuArchitecture.Aarch64)
                    ? new XElement("controller", new XAttribute("type", "scsi"), new XAttribute("index", 0), new XAttribute("model", "virtio-scsi"))
                    : null,
                EmptySeedDrive(spec),
                interfaces.Select(nic => InterfaceElement(nic, spec.ActiveNetworks)),
                // The portal offers a text console only: a serial port, which `virsh console` attaches to, and whose
                // output virtlogd keeps in a file the server's page shows.
                new XElement("serial", new XAttribute("type", "pty"),
                    spec.SerialLogPath is null ? null : new XElement("log", new XAttribute("file", spec.SerialLogPath), new XAttribute("append", "on")),
                    new XElement("target", new XAttribute("port", 0))),
                new XElement("console", new XAttribute("type", "pty"),
                    new XElement("target", new XAttribute("type", "serial"), new XAttribute("port", 0)))));

        return new XDocument(domain);
    }

    /// <summary>
    /// The drive the configuration seed goes into (<see cref="LibvirtDomainSpec.SeedDrive"/>): the first free device
    /// name on a bus the machine has and every guest reads without extra drivers (SATA on q35, IDE on pc, SCSI on
    /// aarch64's virt).
    /// </summary>
    /// <exception cref="ArgumentException">The pc machine's four IDE places are taken by disks.</exception>
    public static (string Target, string Bus) SeedDriveOf(LibvirtDomainSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var buses = spec.Hardware.OfType(ResourceType.Disk).Select(d => d.Bus ?? DiskBus.Virtio).ToList();
        var (bus, prefix, taken) = spec.Hardware.Architecture == CpuArchitecture.Aarch64
            ? (DiskBus.Scsi, "sd", buses.Count(b => b is DiskBus.Scsi or DiskBus.Sata))
            : buses.Contains(DiskBus.Ide)
                ? (DiskBus.Ide, "hd", buses.Count(b => b == DiskBus.Ide))
                : (DiskBus.Sata, "sd", buses.Count(b => b is DiskBus.Scsi or DiskBus.Sata));
        if (bus == DiskBus.Ide && taken >= 4)
        {
            throw new ArgumentException("The four IDE places are all disks, so there is none left for the configuration seed's CD-ROM: put a disk on sata, scsi or virtio.", nameof(spec));
        }

        return (DeviceName(prefix, taken), BusName(bus));
    }

    /// <summary>An empty, read-only CD-ROM drive: the seed is made after the domain, and inserted then.</summary>
    private static XElement? EmptySeedDrive(LibvirtDomainSpec spec)
    {
        if (!spec.SeedDrive)
        {
            return null;
        }

        var (target, bus) = SeedDriveOf(spec);
        return new XElement("disk",
            new XAttribute("type", "file"), new XAttribute("device", "cdrom"),
            new XElement("driver", new XAttribute("name", "qemu"), new XAttribute("type", "raw")),
            new XElement("target", new XAttribute("dev", target), new XAttribute("bus", bus)),
            new XElement("readonly"));
    }

    /// <summary>The libvirt architecture name of a CPU architecture.</summary>
    public static string ArchitectureName(CpuArchitecture architecture) => architecture switch
    {
        CpuArchitecture.X86_64 => "x86_64",
        CpuArchitecture.Aarch64 => "aarch64",
        _ => throw new ArgumentOutOfRangeException(nameof(architecture), architecture, "libvirt has no name for this architecture."),
    };

    /// <summary>libvirt's driver type for an image format; refuses formats a libvirt-run qemu cannot open.</summary>
    /// <exception cref="ArgumentException">The format is WIM or VHDX.</exception>
    public static string DriverType(DiskFormat format) => format switch
    {
        DiskFormat.Raw => "raw",
        DiskFormat.Qcow2 => "qcow2",
        DiskFormat.Vmdk => "vmdk",
        DiskFormat.Vpc => "vpc",
        DiskFormat.Vdi => "vdi",
        // qemu itself reads VHDX, but libvirt (9.0) has no "vhdx" driver type and refuses the definition.
        DiskFormat.Vhdx => throw new ArgumentException(
            "libvirt cannot attach a VHDX image (it has no vhdx driver type): convert it first, e.g. qemu-img convert -O qcow2.", nameof(format)),
        DiskFormat.Wim => throw new ArgumentException(
            "A WIM image is a set of files applied by Windows PE, not a disk: qemu cannot boot it. Apply it to a disk image first.", nameof(format)),
        _ => throw new ArgumentException($"Unknown disk format {format}.", nameof(format)),
    };

    /// <summary>The bus name libvirt uses in a disk's <c>&lt;target bus&gt;</c>.</summary>
    /// <exception cref="ArgumentException">The bus is NVMe, which libvirt's disk XML does not offer.</exception>
    public static string BusName(DiskBus bus) => bus switch
    {
        DiskBus.Virtio => "virtio",
        DiskBus.Scsi => "scsi",
        DiskBus.Sata => "sata",
        DiskBus.Ide => "ide",
        // libvirt 9.0's domain schema has no nvme disk bus (virsh define: "Invalid value for attribute 'bus'").
        DiskBus.Nvme => throw new ArgumentException(
            "libvirt cannot put a disk on an NVMe bus: choose virtio (fastest), scsi or sata for this disk.", nameof(bus)),
        _ => throw new ArgumentException($"Unknown disk bus {bus}.", nameof(bus)),
    };

    /// <summary>
    /// The device name libvirt expects for the <paramref name="index"/>th disk (from 0) with a name prefix:
    /// 0 → "vda", 25 → "vdz", 26 → "vdaa", as libvirt's own disk-name parser counts.
    /// </summary>
    public static string DeviceName(string prefix, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var letters = string.Empty;
        for (var i = index; i >= 0; i = (i / 26) - 1)
        {
            letters = (char)('a' + (i % 26)) + letters;
        }

        return prefix + letters;
    }

    private static void CheckName(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("A domain needs a name.", nameof(name));
        }

        if (name.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException($"The domain name '{name}' contains '/', which libvirt does not allow.", nameof(name));
        }
    }

    private static int Vcpus(HardwareConfiguration hardware)
    {
        var processors = hardware.OfType(ResourceType.Processor).Sum(r => r.Amount.Value);
        if (processors < 1 || processors != decimal.Truncate(processors))
        {
            throw new ArgumentException($"A domain needs a whole number of vCPUs, at least one; the hardware has {processors}.", nameof(hardware));
        }

        return (int)processors;
    }

    private static string MemoryKib(HardwareConfiguration hardware)
    {
        var memory = hardware.OfType(ResourceType.Memory).ToList();
        if (memory.Any(r => !r.Amount.IsSize))
        {
            throw new ArgumentException("Memory must be given as a size (MiB, GiB), not as a count.", nameof(hardware));
        }

        var kib = memory.Sum(r => r.Amount.Normalized) / 1024m;
        if (kib < 1 || kib != decimal.Truncate(kib))
        {
            throw new ArgumentException($"libvirt counts memory in whole KiB, at least one; the hardware has {hardware.Memory}.", nameof(hardware));
        }

        return kib.ToString("0", CultureInfo.InvariantCulture);
    }

    private static XElement Os(HardwareConfiguration hardware, bool usesIde)
    {
        var machine = hardware.Architecture switch
        {
            CpuArchitecture.X86_64 => usesIde ? "pc" : "q35",
            CpuArchitecture.Aarch64 => "virt",
            _ => throw new ArgumentOutOfRangeException(nameof(hardware), hardware.Architecture, "No machine type for this architecture."),
        };
        if (hardware.Architecture == CpuArchitecture.Aarch64)
        {
            if (hardware.Firmware != FirmwareType.Uefi)
            {
                throw new ArgumentException("An aarch64 virtual machine boots only with UEFI firmware: set the firmware to UEFI.", nameof(hardware));
            }

            if (usesIde)
            {
                throw new ArgumentException("The aarch64 'virt' machine has no IDE bus: put the disks on virtio, scsi or sata.", nameof(hardware));
            }
        }

        // firmware='efi' lets libvirt pick the host's UEFI build (OVMF/AAVMF) and give the domain its own NVRAM.
        return new XElement("os",
            hardware.Firmware == FirmwareType.Uefi ? new XAttribute("firmware", "efi") : null,
            new XElement("type", new XAttribute("arch", ArchitectureName(hardware.Architecture)), new XAttribute("machine", machine), "hvm"));
    }

    /// <summary>
    /// Without it a KVM guest sees qemu's baseline CPU and an emulated one gets qemu64: both lack what current
    /// distributions require (x86-64-v2, which RHEL 9-family guests check at boot). libvirt's test driver takes none.
    /// </summary>
    private static XElement? Cpu(LibvirtDomainSpec spec)
    {
        var mode = spec.CpuMode ?? spec.DomainType switch
        {
            "kvm" => "host-passthrough",
            "qemu" => "maximum",
            _ => null,
        };
        if (mode is null)
        {
            return null;
        }

        if (mode is not ("host-passthrough" or "host-model" or "maximum"))
        {
            throw new ArgumentException($"'{mode}' is not a libvirt CPU mode the portal uses: host-passthrough, host-model or maximum.", nameof(spec));
        }

        if (mode == "host-passthrough" && spec.DomainType != "kvm")
        {
            throw new ArgumentException("host-passthrough needs the kvm domain type: an emulated guest cannot run on the host's CPU (use maximum).", nameof(spec));
        }

        return new XElement("cpu", new XAttribute("mode", mode));
    }

    private static XElement Features(CpuArchitecture architecture) => new("features",
        new XElement("acpi"),
        // The APIC is an x86 device; aarch64 has a GIC, which libvirt picks to suit the host.
        architecture == CpuArchitecture.X86_64 ? new XElement("apic") : null);

    private static List<Disk> Disks(HardwareConfiguration hardware, List<ConcreteResource> resources, IReadOnlyList<LibvirtDisk> images)
    {
        var disks = new List<Disk>();
        // SCSI and SATA disks share the sdX names, as they do in a Linux guest.
        var next = new Dictionary<string, int>();
        for (var i = 0; i < resources.Count; i++)
        {
            var resource = resources[i];
            var image = images[i];
            if (!resource.Amount.IsSize || resource.Amount.Normalized < 1 || resource.Amount.Normalized != decimal.Truncate(resource.Amount.Normalized))
            {
                throw new ArgumentException($"Disk {i + 1} needs a size in whole bytes (MiB, GiB), not {resource.Amount}.", nameof(hardware));
            }

            if (string.IsNullOrWhiteSpace(image.Path) || !image.Path.StartsWith('/'))
            {
                throw new ArgumentException($"Disk {i + 1} needs the absolute path of its image on the libvirt host, not '{image.Path}'.", nameof(images));
            }

            var bus = resource.Bus ?? DiskBus.Virtio;
            var busName = BusName(bus);
            var driverType = DriverType(image.Format);
            var prefix = bus switch
            {
                DiskBus.Virtio => "vd",
                DiskBus.Ide => "hd",
                _ => "sd",
            };
            var index = next.GetValueOrDefault(prefix);
            next[prefix] = index + 1;
            if (bus == DiskBus.Ide && index >= 4)
            {
                throw new ArgumentException("A machine has at most four IDE disks (two channels of two): put the others on sata, scsi or virtio.", nameof(hardware));
            }

            disks.Add(new Disk(DeviceName(prefix, index), bus, busName, driverType, image.Path, (long)resource.Amount.Normalized));
        }

        return disks;
    }

    private static List<Interface> Interfaces(HardwareConfiguration hardware, IReadOnlyList<string> macAddresses)
    {
        var interfaces = new List<Interface>();
        foreach (var adapter in hardware.OfType(ResourceType.NetworkAdapter))
        {
            var count = adapter.Amount.Value;
            if (adapter.Amount.IsSize || count < 1 || count != decimal.Truncate(count))
            {
                throw new ArgumentException($"A network adapter is counted in whole adapters, not {adapter.Amount}.", nameof(hardware));
            }

            // A quantity of N is N identical adapters on the same network, as the OVF reader writes them.
            for (var i = 0; i < count; i++)
            {
                interfaces.Add(new Interface(string.IsNullOrWhiteSpace(adapter.Network) ? "default" : adapter.Network, null));
            }
        }

        if (macAddresses.Count == 0)
        {
            return interfaces;
        }

        if (macAddresses.Count != interfaces.Count)
        {
            throw new ArgumentException(
                $"The hardware has {interfaces.Count} network interface(s) but {macAddresses.Count} MAC address(es) were given: give one per interface, or none to let libvirt choose.",
                nameof(macAddresses));
        }

        return interfaces.Select((nic, i) => nic with { Mac = CheckMac(macAddresses[i]) }).ToList();
    }

    private static string CheckMac(string mac)
    {
        if (!MacAddress().IsMatch(mac))
        {
            throw new ArgumentException($"'{mac}' is not a MAC address: write six hex pairs separated by colons, e.g. 52:54:00:12:34:56.", nameof(mac));
        }

        // libvirt refuses a multicast address (lowest bit of the first octet set) for an interface.
        if ((Convert.ToByte(mac[..2], 16) & 1) == 1)
        {
            throw new ArgumentException($"'{mac}' is a multicast MAC address; an interface needs a unicast one (first octet even, e.g. 52:54:00:...).", nameof(mac));
        }

        return mac.ToLowerInvariant();
    }

    private static XElement Metadata(string? idempotencyKey, List<Disk> disks) => new("metadata",
        new XElement(MetadataNamespace + "domain",
            new XAttribute(XNamespace.Xmlns + "portal", MetadataNamespace.NamespaceName),
            idempotencyKey is null ? null : new XElement(MetadataNamespace + "idempotency-key", idempotencyKey),
            disks.Select(d => new XElement(MetadataNamespace + "disk",
                new XAttribute("target", d.Target), new XAttribute("bytes", d.Bytes)))));

    private static XElement DiskElement(Disk disk, int? bootOrder) => new("disk",
        new XAttribute("type", "file"), new XAttribute("device", "disk"),
        new XElement("driver", new XAttribute("name", "qemu"), new XAttribute("type", disk.DriverType)),
        new XElement("source", new XAttribute("file", disk.Path)),
        new XElement("target", new XAttribute("dev", disk.Target), new XAttribute("bus", disk.BusName)),
        // Per-device boot order rather than <os><boot dev='hd'/>: it is what UEFI firmware honours.
        bootOrder is null ? null : new XElement("boot", new XAttribute("order", bootOrder.Value)));

    private static XElement InterfaceElement(Interface nic, IReadOnlySet<string>? activeNetworks)
    {
        var onNetwork = activeNetworks is null || activeNetworks.Contains(nic.Network);
        return new XElement("interface",
            new XAttribute("type", onNetwork ? "network" : "user"),
            nic.Mac is null ? null : new XElement("mac", new XAttribute("address", nic.Mac)),
            onNetwork ? new XElement("source", new XAttribute("network", nic.Network)) : null,
            new XElement("model", new XAttribute("type", "virtio")));
    }

    [GeneratedRegex("^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}$")]
    private static partial Regex MacAddress();

    private sealed record Disk(string Target, DiskBus Bus, string BusName, string DriverType, string Path, long Bytes);

    private sealed record Interface(string Network, string? Mac);
}
