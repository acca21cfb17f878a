using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Portal.Domain.Validation;

namespace Portal.Domain.Library.Ovf;

/// <summary>
/// Maps a parsed OVF envelope onto a <see cref="MasterImage"/>. Every problem is collected; the image is built
/// only when there are none and it passes its own validation, so nothing is ever returned half-imported.
/// </summary>
internal sealed partial class OvfDescriptorReader(XDocument document, OvfImportOptions options)
{
    private const string DefaultVersion = "1.0";

    private readonly OvfProblems problems = new();

    public ValidationResult<MasterImage> Read()
    {
        var envelope = document.Root;
        if (envelope is null || envelope.Name.LocalName != "Envelope" || !OvfNamespaces.IsEnvelope(envelope.Name.Namespace))
        {
            problems.Add(envelope, $"The root element must be an OVF Envelope in the namespace {OvfNamespaces.Envelope1} or {OvfNamespaces.Envelope2}.");
            return ValidationResult<MasterImage>.Failure(problems.Errors);
        }

        var ovf = envelope.Name.Namespace;
        // Counted before anything is read: 40,000 adapters would otherwise become 40,000 requirements and a huge page.
        if (OverCaps(envelope, ovf))
        {
            return ValidationResult<MasterImage>.Failure(problems.Errors);
        }

        OvfText.Check(envelope, problems);
        var system = VirtualSystem(envelope, ovf);
        var hardwareSection = system?.Element(ovf + "VirtualHardwareSection");
        if (system is not null && hardwareSection is null)
        {
            problems.Add(system, "There is no VirtualHardwareSection, so the hardware the image needs is unknown.");
        }

        if (system is null || hardwareSection is null)
        {
            return ValidationResult<MasterImage>.Failure(problems.Errors);
        }

        var files = ReadFiles(envelope, ovf);
        var disks = ReadDisks(envelope, ovf);
        var portal = OvfPortalExtension.Read(system.Element(OvfPortalExtension.Section), problems);
        var hardware = OvfHardwareReader.Read(hardwareSection, ovf, disks, SelectedConfiguration(envelope, ovf), problems);
        var requirements = ApplyHints(hardware, portal);
        var os = portal.OperatingSystem ?? ReadOperatingSystem(system, ovf);
        var productSections = system.Elements(ovf + "ProductSection").ToList();
        var parameters = OvfPropertyReader.Read(productSections, ovf, problems);
        // Our own exports name a VMware hardware version for compatibility, not because they came from vSphere.
        var guessed = portal.Present ? null : GuessTechnology(system, hardwareSection);
        var provenance = guessed is { } technology
            ? new Provenance(CaptureSource.Virtual, technology, options.SourceServer, options.CapturedAt)
            : new Provenance(options.CaptureSource, options.Technology, options.SourceServer, options.CapturedAt);
        var artifacts = ReadArtifacts(hardware.DiskIds, disks, files, portal, provenance);
        var name = Text(system.Element(ovf + "Name")) ?? Text(system.Attribute(ovf + "id"))
            ?? productSections.Select(p => Text(p.Element(ovf + "Product"))).FirstOrDefault(p => p is not null);
        if (name is null)
        {
            problems.Add(system, "The virtual system has neither a Name nor an ovf:id to name the image by.");
        }

        if (problems.Any)
        {
            return ValidationResult<MasterImage>.Failure(problems.Errors);
        }

        var image = new MasterImage
        {
            Id = options.ImageId,
            Name = name!,
            Description = Text(system.Element(ovf + "AnnotationSection")?.Element(ovf + "Annotation")) ?? "",
            Version = productSections.Select(p => Text(p.Element(ovf + "Version")) ?? Text(p.Element(ovf + "FullVersion")))
                .FirstOrDefault(v => v is not null) ?? DefaultVersion,
            Owner = options.Owner,
            Lifecycle = ImageLifecycle.Draft,
            Tags = portal.Tags,
            Hardware = new HardwareTemplate
            {
                Requirements = requirements,
                Architecture = os.Architecture,
                Firmware = portal.Firmware ?? GuessFirmware(system),
            },
            Software = new SoftwareStack
            {
                Family = os.Family,
                Distribution = os.Distribution,
                Version = os.Version,
                Architecture = os.Architecture,
                Components = portal.Components,
                Parameters = parameters,
            },
            Artifacts = artifacts,
        };
        var errors = image.Validate();
        return errors.Count > 0 ? ValidationResult<MasterImage>.Failure(errors) : ValidationResult<MasterImage>.Success(image);
    }

    /// <summary>True (with the reasons) when the descriptor describes more disks, adapters or properties than configured.</summary>
    private bool OverCaps(XElement envelope, XNamespace ovf)
    {
        var items = envelope.Descendants()
            .Where(e => e.Name.Namespace == ovf && e.Name.LocalName is "Item" or "StorageItem" or "EthernetPortItem")
            .Select(e => ResourceTypeCode(e))
            .ToList();
        var counts = new (int Count, int Cap, string What, string Setting)[]
        {
            (envelope.Element(ovf + "DiskSection")?.Elements(ovf + "Disk").Count() ?? 0, options.MaxDisks, "disks in its DiskSection", "MaxDisks"),
            (envelope.Element(ovf + "References")?.Elements(ovf + "File").Count() ?? 0, options.MaxDisks, "files in its References", "MaxDisks"),
            (items.Count(t => t is "17" or "31"), options.MaxDisks, "disk items", "MaxDisks"),
            (items.Count(t => t == "10"), options.MaxNetworkAdapters, "network adapters", "MaxNetworkAdapters"),
            (envelope.Descendants(ovf + "Property").Count(), options.MaxProperties, "properties", "MaxProperties"),
        };
        foreach (var (count, cap, what, setting) in counts.Where(c => c.Count > c.Cap))
        {
            problems.Add(null, $"The descriptor describes {count} {what}; at most {cap} are accepted (Portal:Library:Ovf:{setting}).");
        }

        return problems.Any;
    }

    private static string? ResourceTypeCode(XElement item) =>
        item.Elements().FirstOrDefault(e => e.Name.LocalName == "ResourceType")?.Value.Trim();

    private XElement? VirtualSystem(XElement envelope, XNamespace ovf)
    {
        var systems = envelope.Elements(ovf + "VirtualSystem").ToList();
        if (systems.Count == 1)
        {
            return systems[0];
        }

        if (systems.Count > 1)
        {
            problems.Add(systems[1], "The envelope holds several virtual systems; an image is one machine, so export one VM per package.");
        }
        else if (envelope.Element(ovf + "VirtualSystemCollection") is { } collection)
        {
            problems.Add(collection, "A VirtualSystemCollection (a multi-VM vApp) is not an image; export one VM per package.");
        }
        else
        {
            problems.Add(envelope, "There is no VirtualSystem, so the descriptor describes no machine.");
        }

        return null;
    }

    private Dictionary<string, OvfFile> ReadFiles(XElement envelope, XNamespace ovf)
    {
        var files = new Dictionary<string, OvfFile>(StringComparer.Ordinal);
        foreach (var file in envelope.Element(ovf + "References")?.Elements(ovf + "File") ?? [])
        {
            var id = Text(file.Attribute(ovf + "id"));
            var href = Text(file.Attribute(ovf + "href"));
            if (id is null || href is null)
            {
                problems.Add(file, "A File needs an ovf:id and an ovf:href.");
                continue;
            }

            long? size = null;
            if (file.Attribute(ovf + "size") is { } sizeAttribute)
            {
                if (long.TryParse(sizeAttribute.Value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var bytes))
                {
                    size = bytes;
                }
                else
                {
                    problems.Add(sizeAttribute, $"'{sizeAttribute.Value}' is not a size in bytes.");
                }
            }

            if (!files.TryAdd(id, new OvfFile(id, file, href, size)))
            {
                problems.Add(file, $"Another File already has the ovf:id '{id}'.");
            }
        }

        return files;
    }

    private Dictionary<string, OvfDisk> ReadDisks(XElement envelope, XNamespace ovf)
    {
        var disks = new Dictionary<string, OvfDisk>(StringComparer.Ordinal);
        foreach (var disk in envelope.Element(ovf + "DiskSection")?.Elements(ovf + "Disk") ?? [])
        {
            var id = Text(disk.Attribute(ovf + "diskId"));
            if (id is null)
            {
                problems.Add(disk, "A Disk needs an ovf:diskId.");
                continue;
            }

            Quantity? capacity = null;
            var capacityAttribute = disk.Attribute(ovf + "capacity");
            var unit = OvfHardwareReader.Unit(disk.Attribute(ovf + "capacityAllocationUnits"), problems);
            if (capacityAttribute is null)
            {
                problems.Add(disk, "The disk has no ovf:capacity.");
            }
            else if (!decimal.TryParse(capacityAttribute.Value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount <= 0)
            {
                // A ${property} capacity is sized at deployment time; the library needs a size up front.
                problems.Add(capacityAttribute, $"'{capacityAttribute.Value}' is not a whole number greater than zero.");
            }
            else if (unit is not null)
            {
                capacity = new Quantity(amount, unit.Value);
            }

            var ovfDisk = new OvfDisk(id, disk, capacity, Text(disk.Attribute(ovf + "fileRef")), Text(disk.Attribute(ovf + "format")));
            if (!disks.TryAdd(id, ovfDisk))
            {
                problems.Add(disk, $"Another Disk already has the ovf:diskId '{id}'.");
            }
        }

        return disks;
    }

    /// <summary>Items restricted to deployment configurations count only for the default one.</summary>
    private static string? SelectedConfiguration(XElement envelope, XNamespace ovf)
    {
        var configurations = envelope.Element(ovf + "DeploymentOptionSection")?.Elements(ovf + "Configuration").ToList() ?? [];
        var chosen = configurations.FirstOrDefault(c => string.Equals((string?)c.Attribute(ovf + "default"), "true", StringComparison.OrdinalIgnoreCase))
            ?? configurations.FirstOrDefault();
        return (string?)chosen?.Attribute(ovf + "id");
    }

    private IReadOnlyList<ResourceRequirement> ApplyHints(OvfHardware hardware, OvfPortalExtension portal)
    {
        var requirements = new List<ResourceRequirement>();
        foreach (var (requirement, instanceId) in hardware.Requirements)
        {
            if (instanceId is null || !portal.Hints.TryGetValue(instanceId, out var hint))
            {
                requirements.Add(requirement);
                continue;
            }

            var amount = requirement.Amount;
            if (hint.Unit is { } unit && (unit == ResourceUnit.Count) == (amount.Unit == ResourceUnit.Count))
            {
                amount = amount.In(unit);
            }

            requirements.Add(requirement with
            {
                Quantity = amount.Value,
                Unit = amount.Unit,
                Minimum = hint.Minimum,
                Maximum = hint.Maximum,
                Step = hint.Step,
                Bus = hint.NoBus ? null : requirement.Bus,
            });
        }

        requirements.AddRange(portal.ExtraRequirements);
        return requirements;
    }

    private static OvfOperatingSystem ReadOperatingSystem(XElement system, XNamespace ovf)
    {
        var section = system.Element(ovf + "OperatingSystemSection");
        int? code = int.TryParse((string?)section?.Attribute(ovf + "id"), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
        var osType = Text(section?.Attribute(OvfNamespaces.VMware + "osType"))
            ?? Text(section?.Element(OvfNamespaces.VirtualBox + "OSType"));
        return OvfOperatingSystem.Guess(code, Text(section?.Element(ovf + "Description")), osType);
    }

    /// <summary>
    /// OVF has no firmware setting; each producer says it its own way: VMware a <c>vmw:Config firmware=efi</c>,
    /// VirtualBox <c>&lt;Firmware type="EFI"/&gt;</c> in its machine, Hyper-V a generation 2 subtype.
    /// </summary>
    private static FirmwareType GuessFirmware(XElement system)
    {
        foreach (var element in system.Descendants())
        {
            var ns = element.Name.Namespace;
            if (ns == OvfNamespaces.VMware
                && string.Equals((string?)element.Attribute(OvfNamespaces.VMware + "key"), "firmware", StringComparison.OrdinalIgnoreCase)
                && string.Equals(((string?)element.Attribute(OvfNamespaces.VMware + "value"))?.Trim(), "efi", StringComparison.OrdinalIgnoreCase))
            {
                return FirmwareType.Uefi;
            }

            // VirtualBox writes its machine's children unqualified, so only the section around them is in its namespace.
            if (element.Name.LocalName == "Firmware" && element.AncestorsAndSelf().Any(a => a.Name.Namespace == OvfNamespaces.VirtualBox)
                && ((string?)element.Attribute("type"))?.StartsWith("EFI", StringComparison.OrdinalIgnoreCase) == true)
            {
                return FirmwareType.Uefi;
            }

            if (element.Name.LocalName is "VirtualSystemType" or "VirtualSystemSubType"
                && (EfiWord().IsMatch(element.Value) || element.Value.Contains("Hyper-V:SubType:2", StringComparison.OrdinalIgnoreCase)))
            {
                return FirmwareType.Uefi;
            }
        }

        return FirmwareType.Bios;
    }

    private static PlatformTechnology? GuessTechnology(XElement system, XElement hardwareSection)
    {
        var systemType = hardwareSection.Element(hardwareSection.Name.Namespace + "System")?.Elements()
            .FirstOrDefault(e => e.Name.LocalName == "VirtualSystemType")?.Value.Trim().ToLowerInvariant() ?? "";
        if (systemType.StartsWith("vmx-", StringComparison.Ordinal))
        {
            return PlatformTechnology.VSphere;
        }

        if (systemType.Contains("virtualbox", StringComparison.Ordinal))
        {
            return PlatformTechnology.VirtualBox;
        }

        if (systemType.Contains("hyper-v", StringComparison.Ordinal))
        {
            return PlatformTechnology.HyperV;
        }

        if (systemType.Contains("kvm", StringComparison.Ordinal) || systemType.Contains("qemu", StringComparison.Ordinal))
        {
            return PlatformTechnology.Kvm;
        }

        var namespaces = system.DescendantsAndSelf()
            .SelectMany(e => e.Attributes().Select(a => a.Name.Namespace).Append(e.Name.Namespace))
            .ToHashSet();
        return namespaces.Contains(OvfNamespaces.VirtualBox) ? PlatformTechnology.VirtualBox
            : namespaces.Contains(OvfNamespaces.VMware) ? PlatformTechnology.VSphere
            : null;
    }

    private IReadOnlyList<ImageArtifact> ReadArtifacts(
        IReadOnlyList<string> diskIds, IReadOnlyDictionary<string, OvfDisk> disks, IReadOnlyDictionary<string, OvfFile> files,
        OvfPortalExtension portal, Provenance provenance)
    {
        // The first disk item's file comes first: it is the image's original, the boot disk.
        var orderedDisks = diskIds.Distinct().Select(id => disks[id])
            .Concat(disks.Values.Where(d => !diskIds.Contains(d.Id)))
            .Where(d => d.FileRef is not null);
        var artifacts = new List<ImageArtifact>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var disk in orderedDisks)
        {
            if (!files.TryGetValue(disk.FileRef!, out var file))
            {
                problems.Add(disk.Element.Attribute(disk.Element.Name.Namespace + "fileRef") ?? (XObject)disk.Element,
                    $"No File with ovf:id '{disk.FileRef}' is in the References section.");
                continue;
            }

            if (!used.Add(file.Id))
            {
                continue;
            }

            var format = OvfDiskFormats.FromFormatUri(disk.Format) ?? OvfDiskFormats.FromFileName(file.Href);
            if (format is null)
            {
                problems.Add(disk.Element, $"Neither its ovf:format nor the file name '{file.Href}' says which disk format it is.");
                continue;
            }

            var size = file.Size ?? (disk.Capacity is { } capacity ? (long)capacity.Normalized : 0);
            AddArtifact(artifacts, file, format.Value, size, portal, provenance, convertedFrom: null);
        }

        // Other formats of the same content, which only our own extension references.
        foreach (var (fileRef, (format, _)) in portal.Artifacts)
        {
            if (used.Contains(fileRef) || format is null)
            {
                continue;
            }

            if (!files.TryGetValue(fileRef, out var file))
            {
                problems.Add(null, $"The portal section lists the file '{fileRef}', which is not in the References section.");
                continue;
            }

            used.Add(fileRef);
            AddArtifact(artifacts, file, format.Value, file.Size ?? 0, portal, provenance, artifacts.FirstOrDefault()?.Id);
        }

        return artifacts;
    }

    private void AddArtifact(
        List<ImageArtifact> artifacts, OvfFile file, DiskFormat format, long size, OvfPortalExtension portal, Provenance provenance, Guid? convertedFrom)
    {
        var location = Location(file);
        if (location is null)
        {
            return;
        }

        artifacts.Add(new ImageArtifact
        {
            Id = Guid.NewGuid(),
            Format = format,
            SizeBytes = size,
            Sha256 = portal.Artifacts.TryGetValue(file.Id, out var extra) ? extra.Sha256 : null,
            Location = location,
            Provenance = provenance,
            ConvertedFrom = convertedFrom,
        });
    }

    /// <summary>
    /// The file's place under the package's base. The href is percent-decoded and normalised first; one that climbs
    /// out of the package (dot segments, encoded or not, an absolute path, a drive, a URI of any scheme) is refused:
    /// whatever later copies or serves the artifact must not be led to read elsewhere.
    /// </summary>
    private Uri? Location(OvfFile file)
    {
        var hrefAttribute = (XObject?)file.Element.Attribute(file.Element.Name.Namespace + "href") ?? file.Element;
        var path = OvfPackagePath.FromHref(file.Href);
        if (!path.IsValid)
        {
            return Fail(hrefAttribute, $"'{OvfPackagePath.Printable(file.Href)}' points outside the package ({path.Problem}); a file is named relative to the descriptor, inside the package.");
        }

        return OvfPackagePath.Under(options.ArtifactBaseUri, path.Path!)
            ?? Fail(hrefAttribute, $"'{OvfPackagePath.Printable(file.Href)}' points outside the package.");
    }

    private Uri? Fail(XObject at, string message)
    {
        problems.Add(at, message);
        return null;
    }

    private static string? Text(XObject? node)
    {
        var text = node switch
        {
            XElement element => element.Value,
            XAttribute attribute => attribute.Value,
            _ => null,
        };
        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }

    [GeneratedRegex(@"\bu?efi\b", RegexOptions.IgnoreCase)]
    private static partial Regex EfiWord();
}
