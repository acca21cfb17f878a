using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Portal.Domain.Library.Ovf;

/// <summary>
/// Reads a VirtualHardwareSection's items (RASD <c>Item</c>s in OVF 1 and 2, SASD <c>StorageItem</c>s and
/// EPASD <c>EthernetPortItem</c>s in OVF 2) into resource requirements, by their CIM ResourceType.
/// </summary>
internal static partial class OvfHardwareReader
{
    private const int Processor = 3;
    private const int Memory = 4;
    private const int IdeController = 5;
    private const int ScsiController = 6;
    private const int EthernetAdapter = 10;
    private const int DiskDrive = 17;
    private const int OtherStorageDevice = 20;
    private const int LogicalDisk = 31;

    public static OvfHardware Read(
        XElement section, XNamespace ovf, IReadOnlyDictionary<string, OvfDisk> disks, string? configuration, OvfProblems problems)
    {
        var items = section.Elements()
            .Where(e => e.Name.Namespace == ovf && e.Name.LocalName is "Item" or "StorageItem" or "EthernetPortItem")
            .Where(e => AppliesTo(e, ovf, configuration) && !IsBound(e, ovf))
            .Select(e => (Element: e, Type: ResourceTypeOf(e, problems)))
            .Where(x => x.Type is not null)
            .Select(x => (x.Element, Type: x.Type!.Value))
            .ToList();

        // Disks name their controller by InstanceID, and a controller may come after its disks.
        var buses = items
            .Where(x => x.Type is IdeController or ScsiController or OtherStorageDevice)
            .Select(x => (Id: Text(x.Element, "InstanceID"), Bus: BusOf(x.Type, Text(x.Element, "ResourceSubType"))))
            .Where(x => x.Id is not null)
            .GroupBy(x => x.Id!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Bus, StringComparer.Ordinal);

        var requirements = new List<(ResourceRequirement, string?)>();
        var diskIds = new List<string>();
        foreach (var (item, type) in items)
        {
            var requirement = type switch
            {
                Processor => ReadProcessor(item, problems),
                Memory => ReadMemory(item, problems),
                EthernetAdapter => ReadNetworkAdapter(item, problems),
                DiskDrive or LogicalDisk => ReadDisk(item, disks, buses, diskIds, problems),
                // Controllers only give disks their bus; graphics (24), CD/DVD (15, 16), floppies (14), USB (23),
                // sound (35) and the like are not requirements a deployment sizes.
                _ => null,
            };
            if (requirement is not null)
            {
                requirements.Add((requirement, Text(item, "InstanceID")));
            }
        }

        if (!items.Any(x => x.Type == Processor))
        {
            problems.Add(section, "There is no processor item (ResourceType 3), so the number of vCPUs is unknown.");
        }

        if (!items.Any(x => x.Type == Memory))
        {
            problems.Add(section, "There is no memory item (ResourceType 4), so the memory size is unknown.");
        }

        return new OvfHardware(requirements, diskIds);
    }

    /// <summary>
    /// The element of an item's settings, in whichever CIM namespace the producer used (RASD, SASD, EPASD).
    /// </summary>
    public static XElement? Setting(XElement item, string name) =>
        item.Elements().FirstOrDefault(e => e.Name.LocalName == name);

    private static string? Text(XElement item, string name) =>
        Setting(item, name) is { } element && element.Value.Trim() is { Length: > 0 } text ? text : null;

    private static bool AppliesTo(XElement item, XNamespace ovf, string? configuration)
    {
        var configurations = (string?)item.Attribute(ovf + "configuration");
        return configuration is null || string.IsNullOrWhiteSpace(configurations)
            || configurations.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(configuration, StringComparer.Ordinal);
    }

    /// <summary>OVF 1 items with <c>ovf:bound="min"</c> or "max" restate an item's range; the normal one is the amount.</summary>
    private static bool IsBound(XElement item, XNamespace ovf) =>
        (string?)item.Attribute(ovf + "bound") is { } bound && !string.Equals(bound, "normal", StringComparison.OrdinalIgnoreCase);

    private static int? ResourceTypeOf(XElement item, OvfProblems problems)
    {
        var element = Setting(item, "ResourceType");
        if (element is null)
        {
            problems.Add(item, "The item has no ResourceType, so what it describes is unknown.");
            return null;
        }

        if (!int.TryParse(element.Value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var type))
        {
            problems.Add(element, $"'{element.Value.Trim()}' is not a CIM resource type number.");
            return null;
        }

        return type;
    }

    private static ResourceRequirement? ReadProcessor(XElement item, OvfProblems problems) =>
        WholeNumber(item, "VirtualQuantity", required: true, problems) is { } count
            ? new ResourceRequirement { Type = ResourceType.Processor, Quantity = count, Unit = ResourceUnit.Count }
            : null;

    private static ResourceRequirement? ReadMemory(XElement item, OvfProblems problems)
    {
        var amount = WholeNumber(item, "VirtualQuantity", required: true, problems);
        var unit = Unit(Setting(item, "AllocationUnits"), problems);
        if (amount is null || unit is null)
        {
            return null;
        }

        var size = Readable(new Quantity(amount.Value, unit.Value));
        return new ResourceRequirement { Type = ResourceType.Memory, Quantity = size.Value, Unit = size.Unit };
    }

    private static ResourceRequirement? ReadNetworkAdapter(XElement item, OvfProblems problems)
    {
        // An adapter is one unless the item says otherwise; the portal writes a count for several identical ones.
        var count = WholeNumber(item, "VirtualQuantity", required: false, problems) ?? 1;
        return new ResourceRequirement
        {
            Type = ResourceType.NetworkAdapter,
            Quantity = count,
            Unit = ResourceUnit.Count,
            Network = Text(item, "Connection"),
        };
    }

    private static ResourceRequirement? ReadDisk(
        XElement item, IReadOnlyDictionary<string, OvfDisk> disks, IReadOnlyDictionary<string, DiskBus?> buses,
        List<string> diskIds, OvfProblems problems)
    {
        var hostResource = Setting(item, "HostResource");
        if (hostResource is null || hostResource.Value.Trim().Length == 0)
        {
            // An empty drive: there is nothing to size or to copy.
            return null;
        }

        var match = DiskReference().Match(hostResource.Value.Trim());
        if (!match.Success)
        {
            problems.Add(hostResource, $"'{hostResource.Value.Trim()}' does not name a disk of the DiskSection (expected ovf:/disk/<diskId>).");
            return null;
        }

        var diskId = match.Groups["id"].Value;
        if (!disks.TryGetValue(diskId, out var disk))
        {
            problems.Add(hostResource, $"No Disk with ovf:diskId '{diskId}' is in the DiskSection.");
            return null;
        }

        if (disk.Capacity is not { } capacity)
        {
            // The disk's own capacity problem is already reported where it is.
            return null;
        }

        diskIds.Add(diskId);
        var parent = Text(item, "Parent");
        var bus = parent is not null && buses.TryGetValue(parent, out var known) ? known : null;
        var size = Readable(capacity);
        return new ResourceRequirement { Type = ResourceType.Disk, Quantity = size.Value, Unit = size.Unit, Bus = bus };
    }

    private static DiskBus? BusOf(int type, string? subType)
    {
        var sub = (subType ?? "").ToLowerInvariant();
        if (sub.Contains("virtio", StringComparison.Ordinal))
        {
            return DiskBus.Virtio;
        }

        if (sub.Contains("nvme", StringComparison.Ordinal))
        {
            return DiskBus.Nvme;
        }

        if (sub.Contains("ahci", StringComparison.Ordinal) || sub.Contains("sata", StringComparison.Ordinal))
        {
            return DiskBus.Sata;
        }

        return type switch
        {
            IdeController => DiskBus.Ide,
            ScsiController => DiskBus.Scsi,
            _ => null,
        };
    }

    /// <summary>Sizes given in plain bytes read back in the largest whole unit, so requesters choose in GiB.</summary>
    private static Quantity Readable(Quantity size) =>
        size.Unit == ResourceUnit.Byte ? OvfAllocationUnits.InLargestWholeUnit(size, ResourceUnit.TiB) : size;

    public static ResourceUnit? Unit(XObject? at, OvfProblems problems)
    {
        var text = at switch
        {
            XElement element => element.Value,
            XAttribute attribute => attribute.Value,
            _ => null,
        };
        if (text is null)
        {
            // CIM's default allocation unit for a size is the byte.
            return ResourceUnit.Byte;
        }

        if (OvfAllocationUnits.TryParse(text, out var unit))
        {
            return unit;
        }

        problems.Add(at, $"'{text.Trim()}' is not a size unit this importer knows ({OvfAllocationUnits.Supported}).");
        return null;
    }

    private static decimal? WholeNumber(XElement item, string name, bool required, OvfProblems problems)
    {
        var element = Setting(item, name);
        if (element is null)
        {
            if (required)
            {
                problems.Add(item, $"The item has no {name}.");
            }

            return null;
        }

        if (!decimal.TryParse(element.Value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0)
        {
            problems.Add(element, $"'{element.Value.Trim()}' is not a whole number greater than zero.");
            return null;
        }

        return value;
    }

    [GeneratedRegex(@"^(ovf:)?/+disk/(?<id>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex DiskReference();
}
