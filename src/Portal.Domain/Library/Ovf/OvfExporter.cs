using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace Portal.Domain.Library.Ovf;

/// <summary>
/// Writes an image as an OVF 1.x descriptor, the version VirtualBox, VMware ovftool and older vCenters all
/// accept. What OVF cannot say (bounds, exact OS names, parameter types, other formats of the disk) goes into
/// our <c>portal:ImageSection</c>, which other consumers skip and <see cref="OvfImporter"/> reads back.
/// </summary>
public static partial class OvfExporter
{
    /// <summary>VMware's hardware version 13 (ESXi 6.5): old enough for every current vSphere, and VirtualBox ignores it.</summary>
    public const string VirtualSystemType = "vmx-13";

    private static readonly XNamespace Ovf = OvfNamespaces.Envelope1;
    private static readonly XNamespace Rasd = OvfNamespaces.Rasd;
    private static readonly XNamespace Vssd = OvfNamespaces.Vssd;
    private static readonly XNamespace Vmw = OvfNamespaces.VMware;
    private static readonly XNamespace Portal = OvfNamespaces.Portal;

    /// <summary>The descriptor for an image. Only a valid image exports: anything else is a bug in the caller.</summary>
    public static string Export(MasterImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Validate() is { Count: > 0 } errors)
        {
            throw new ArgumentException(
                $"Only a valid image can be exported: {string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}"))}", nameof(image));
        }

        var baseName = FileBaseName(image.Name);
        var files = PlanFiles(image, baseName);
        var hardware = new List<XElement>();
        var hints = new List<XElement>();
        var diskSection = new List<XElement>();
        WriteHardware(image, files.FirstOrDefault(f => f.IsBootDisk), hardware, hints, diskSection);

        var networks = image.Hardware.Requirements.Select(r => r.Network).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var envelope = new XElement(Ovf + "Envelope",
            new XAttribute(XNamespace.Xmlns + "ovf", Ovf.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "rasd", Rasd.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "vssd", Vssd.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "vmw", Vmw.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "portal", Portal.NamespaceName),
            new XElement(Ovf + "References", files.Select(f => new XElement(Ovf + "File",
                new XAttribute(Ovf + "href", f.Href),
                new XAttribute(Ovf + "id", f.Id),
                new XAttribute(Ovf + "size", f.Artifact.SizeBytes.ToString(CultureInfo.InvariantCulture))))),
            diskSection.Count == 0 ? null : new XElement(Ovf + "DiskSection",
                new XElement(Ovf + "Info", "Virtual disk information"),
                diskSection),
            networks.Count == 0 ? null : new XElement(Ovf + "NetworkSection",
                new XElement(Ovf + "Info", "The list of logical networks"),
                networks.Select(n => new XElement(Ovf + "Network",
                    new XAttribute(Ovf + "name", n),
                    new XElement(Ovf + "Description", $"The {n} network")))),
            new XElement(Ovf + "VirtualSystem",
                new XAttribute(Ovf + "id", baseName),
                new XElement(Ovf + "Info", "A virtual machine"),
                new XElement(Ovf + "Name", image.Name),
                OperatingSystemSection(image.Software),
                new XElement(Ovf + "VirtualHardwareSection",
                    new XElement(Ovf + "Info", "Virtual hardware requirements"),
                    new XElement(Ovf + "System",
                        new XElement(Vssd + "ElementName", "Virtual Hardware Family"),
                        new XElement(Vssd + "InstanceID", "0"),
                        new XElement(Vssd + "VirtualSystemIdentifier", baseName),
                        new XElement(Vssd + "VirtualSystemType", VirtualSystemType)),
                    hardware,
                    image.Hardware.Firmware == FirmwareType.Uefi
                        ? new XElement(Vmw + "Config", Optional, new XAttribute(Vmw + "key", "firmware"), new XAttribute(Vmw + "value", "efi"))
                        : null),
                string.IsNullOrWhiteSpace(image.Description) ? null : new XElement(Ovf + "AnnotationSection",
                    new XElement(Ovf + "Info", "A human-readable annotation"),
                    new XElement(Ovf + "Annotation", image.Description)),
                ProductSection(image),
                PortalSection(image, hints, files)));

        return Serialize(new XDocument(new XDeclaration("1.0", "UTF-8", null), envelope));
    }

    private static XAttribute Optional => new(Ovf + "required", "false");

    /// <summary>
    /// The boot disk's file is the image's VMDK if it has one (the format every OVF consumer reads), else its
    /// original; every other disk-format artifact travels too, referenced from our section. WIM is no disk.
    /// </summary>
    private static List<(string Id, string Href, ImageArtifact Artifact, bool IsBootDisk)> PlanFiles(MasterImage image, string baseName)
    {
        var disks = image.Artifacts.Where(a => OvfDiskFormats.IsDisk(a.Format)).ToList();
        var boot = image.Hardware.Requirements.Any(r => r.Type == ResourceType.Disk)
            ? disks.FirstOrDefault(a => a.Format == DiskFormat.Vmdk) ?? (image.Original is { } o && disks.Contains(o) ? o : disks.FirstOrDefault())
            : null;
        var ordered = boot is null ? disks : disks.Where(a => a != boot).Prepend(boot).ToList();
        return ordered.Select((artifact, i) => (
            Id: $"file{i + 1}",
            Href: $"{baseName}-{(artifact == boot ? "disk1" : $"artifact{i + 1}")}.{OvfDiskFormats.Extension(artifact.Format)}",
            Artifact: artifact,
            IsBootDisk: artifact == boot)).ToList();
    }

    private static void WriteHardware(
        MasterImage image, (string Id, string Href, ImageArtifact Artifact, bool IsBootDisk) bootFile,
        List<XElement> items, List<XElement> hints, List<XElement> diskSection)
    {
        var instanceId = 1;
        var requirements = image.Hardware.Requirements;

        // Disks hang off one controller per bus; a disk with no bus stated goes on SCSI, which every hypervisor has.
        var controllers = requirements.Where(r => r.Type == ResourceType.Disk).Select(r => r.Bus ?? DiskBus.Scsi).Distinct()
            .ToDictionary(bus => bus, _ => (Id: instanceId++.ToString(CultureInfo.InvariantCulture), Next: 0));
        foreach (var (bus, controller) in controllers)
        {
            var (type, subType, name) = ControllerOf(bus);
            items.Add(Item(("Address", "0"), ("ElementName", name), ("InstanceID", controller.Id), ("ResourceSubType", subType), ("ResourceType", type)));
        }

        var diskNumber = 0;
        var adapterNumber = 0;
        foreach (var requirement in requirements)
        {
            var id = instanceId.ToString(CultureInfo.InvariantCulture);
            XElement? item;
            switch (requirement.Type)
            {
                case ResourceType.Processor:
                    item = Item(("AllocationUnits", "hertz * 10^6"), ("Description", "Number of Virtual CPUs"),
                        ("ElementName", $"{Number(requirement.Quantity)} virtual CPU(s)"), ("InstanceID", id),
                        ("ResourceType", "3"), ("VirtualQuantity", Number(requirement.Quantity)));
                    break;
                case ResourceType.Memory:
                    var memory = OvfAllocationUnits.InLargestWholeUnit(requirement.Amount, ResourceUnit.MiB);
                    item = Item(("AllocationUnits", OvfAllocationUnits.Format(memory.Unit)), ("Description", "Memory Size"),
                        ("ElementName", $"{requirement.Amount} of memory"), ("InstanceID", id),
                        ("ResourceType", "4"), ("VirtualQuantity", Number(memory.Value)));
                    break;
                case ResourceType.Disk:
                    diskNumber++;
                    var diskId = $"vmdisk{diskNumber}";
                    var capacity = OvfAllocationUnits.InLargestWholeUnit(requirement.Amount, ResourceUnit.GiB);
                    var file = diskNumber == 1 && bootFile.Id is not null ? bootFile : default;
                    diskSection.Add(new XElement(Ovf + "Disk",
                        new XAttribute(Ovf + "capacity", Number(capacity.Value)),
                        new XAttribute(Ovf + "capacityAllocationUnits", OvfAllocationUnits.Format(capacity.Unit)),
                        new XAttribute(Ovf + "diskId", diskId),
                        file.Id is null ? null : new XAttribute(Ovf + "fileRef", file.Id),
                        // A blank disk is created by the consumer, in the format it prefers to create: VMDK.
                        new XAttribute(Ovf + "format", OvfDiskFormats.FormatUri(file.Artifact?.Format ?? DiskFormat.Vmdk))));
                    var bus = requirement.Bus ?? DiskBus.Scsi;
                    var controller = controllers[bus];
                    controllers[bus] = controller with { Next = controller.Next + 1 };
                    item = Item(("AddressOnParent", controller.Next.ToString(CultureInfo.InvariantCulture)),
                        ("ElementName", $"Hard disk {diskNumber}"), ("HostResource", $"ovf:/disk/{diskId}"),
                        ("InstanceID", id), ("Parent", controller.Id), ("ResourceType", "17"));
                    break;
                case ResourceType.NetworkAdapter:
                    adapterNumber++;
                    // E1000 has drivers in every guest; a deployment may pick a faster model on its platform.
                    item = Item(("AutomaticAllocation", "true"), ("Connection", requirement.Network),
                        ("ElementName", $"Network adapter {adapterNumber}"), ("InstanceID", id),
                        ("ResourceSubType", "E1000"), ("ResourceType", "10"),
                        ("VirtualQuantity", requirement.Quantity > 1 ? Number(requirement.Quantity) : null));
                    break;
                default:
                    // OVF has no item for a compute GPU; only our section carries it.
                    hints.Add(RequirementHint(requirement, null));
                    continue;
            }

            items.Add(item);
            hints.Add(RequirementHint(requirement, id));
            instanceId++;
        }
    }

    private static (string Type, string SubType, string Name) ControllerOf(DiskBus bus) => bus switch
    {
        DiskBus.Ide => ("5", "PIIX4", "IDE Controller 0"),
        DiskBus.Scsi => ("6", "lsilogic", "SCSI Controller 0"),
        DiskBus.Sata => ("20", "AHCI", "SATA Controller 0"),
        DiskBus.Nvme => ("20", "vmware.nvme.controller", "NVMe Controller 0"),
        DiskBus.Virtio => ("20", "virtio", "VirtIO Controller 0"),
        _ => throw new ArgumentOutOfRangeException(nameof(bus), bus, null),
    };

    /// <summary>RASD settings in the alphabetical order the OVF 1 schema requires; strict readers such as ovftool check it.</summary>
    private static XElement Item(params (string Name, string? Value)[] settings) =>
        new(Ovf + "Item", settings
            .Where(s => s.Value is not null)
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .Select(s => new XElement(Rasd + s.Name, s.Value)));

    private static XElement RequirementHint(ResourceRequirement requirement, string? instanceId) =>
        new(OvfPortalExtension.RequirementElement,
            instanceId is null ? null : new XAttribute("instanceId", instanceId),
            instanceId is not null ? null : new XAttribute("type", requirement.Type),
            instanceId is not null ? null : new XAttribute("quantity", Number(requirement.Quantity)),
            new XAttribute("unit", requirement.Unit),
            requirement.Minimum is { } min ? new XAttribute("minimum", Number(min)) : null,
            requirement.Maximum is { } max ? new XAttribute("maximum", Number(max)) : null,
            requirement.Step is { } step ? new XAttribute("step", Number(step)) : null,
            requirement.Type == ResourceType.Disk && requirement.Bus is null ? new XAttribute("bus", "none") : null,
            instanceId is null && requirement.Bus is { } bus ? new XAttribute("bus", bus) : null,
            instanceId is null && requirement.Network is { } network ? new XAttribute("network", network) : null);

    private static XElement OperatingSystemSection(SoftwareStack software) =>
        new(Ovf + "OperatingSystemSection",
            new XAttribute(Ovf + "id", CimOperatingSystems.CodeFor(software.Family, software.Distribution)),
            new XElement(Ovf + "Info", "The operating system installed"),
            new XElement(Ovf + "Description",
                $"{software.OsLabel} ({(software.Architecture == CpuArchitecture.Aarch64 ? "ARM 64-bit" : "64-bit")})"));

    private static XElement ProductSection(MasterImage image) =>
        new(Ovf + "ProductSection",
            new XElement(Ovf + "Info", "Information about the installed software"),
            new XElement(Ovf + "Product", image.Name),
            new XElement(Ovf + "Version", image.Version),
            image.Software.Parameters.Select(Property));

    private static XElement Property(ConfigurationParameter parameter)
    {
        var ovfType = parameter.Type switch
        {
            ParameterType.Int => "sint64",
            ParameterType.Bool => "boolean",
            _ => "string",
        };
        var textual = parameter.Type is ParameterType.String or ParameterType.Secret or ParameterType.Ip or ParameterType.Hostname;
        return new XElement(Ovf + "Property",
            new XAttribute(Ovf + "key", parameter.Name),
            // A secret never leaves with a value: the attribute is simply not written.
            parameter.IsSecret ? new XAttribute(Ovf + "password", "true") : null,
            parameter.Required && textual ? new XAttribute(Ovf + "qualifiers", "MinLen(1)") : null,
            new XAttribute(Ovf + "type", ovfType),
            new XAttribute(Ovf + "userConfigurable", "true"),
            !parameter.IsSecret && parameter.Default is not null ? new XAttribute(Ovf + "value", parameter.Default) : null,
            new XAttribute(Portal + "type", parameter.Type),
            parameter.Required ? new XAttribute(Portal + "required", "true") : null,
            parameter.Generate ? new XAttribute(Portal + "generate", "true") : null,
            parameter.Pattern is null ? null : new XAttribute(Portal + "pattern", parameter.Pattern),
            // Label before Description: the order the OVF schema gives Property's elements.
            parameter.Label is null ? null : new XElement(Ovf + "Label", parameter.Label),
            parameter.Description is null ? null : new XElement(Ovf + "Description", parameter.Description));
    }

    private static XElement PortalSection(
        MasterImage image, List<XElement> hints, List<(string Id, string Href, ImageArtifact Artifact, bool IsBootDisk)> files) =>
        new(OvfPortalExtension.Section, Optional,
            new XElement(Ovf + "Info", "Image library metadata that OVF has no place for"),
            new XElement(OvfPortalExtension.OperatingSystemElement,
                new XAttribute("family", image.Software.Family),
                new XAttribute("distribution", image.Software.Distribution),
                new XAttribute("version", image.Software.Version),
                new XAttribute("architecture", image.Software.Architecture),
                new XAttribute("firmware", image.Hardware.Firmware)),
            hints,
            image.Software.Components.Select(c => new XElement(OvfPortalExtension.ComponentElement,
                new XAttribute("name", c.Name), c.Version is null ? null : new XAttribute("version", c.Version))),
            image.Tags.Select(t => new XElement(OvfPortalExtension.TagElement, t)),
            files.Select(f => new XElement(OvfPortalExtension.ArtifactElement,
                new XAttribute("fileRef", f.Id),
                new XAttribute("format", f.Artifact.Format),
                f.Artifact.Sha256 is null ? null : new XAttribute("sha256", f.Artifact.Sha256))));

    private static string Serialize(XDocument document)
    {
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) }))
        {
            document.Save(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string Number(decimal value) => OvfAllocationUnits.FormatNumber(value);

    /// <summary>File names and ids from the image name: lower-case, no spaces or path characters.</summary>
    private static string FileBaseName(string name)
    {
        var cleaned = UnsafeFileCharacters().Replace(name.Trim().ToLowerInvariant(), "-").Trim('-', '.');
        return cleaned.Length == 0 ? "image" : cleaned;
    }

    [GeneratedRegex("[^a-z0-9._-]+")]
    private static partial Regex UnsafeFileCharacters();
}
