using System.Globalization;
using System.Xml.Linq;

namespace Portal.Domain.Library.Ovf;

/// <summary>
/// Our own section in an exported descriptor (<c>portal:ImageSection</c>, <c>ovf:required="false"</c>): what
/// the library knows and OVF cannot say, read back so an export imports as the same image. Other consumers
/// skip it; a descriptor without it imports from the standard sections alone.
/// </summary>
internal sealed class OvfPortalExtension
{
    public static readonly XName Section = OvfNamespaces.Portal + "ImageSection";
    public static readonly XName OperatingSystemElement = OvfNamespaces.Portal + "OperatingSystem";
    public static readonly XName RequirementElement = OvfNamespaces.Portal + "Requirement";
    public static readonly XName ComponentElement = OvfNamespaces.Portal + "Component";
    public static readonly XName TagElement = OvfNamespaces.Portal + "Tag";
    public static readonly XName ArtifactElement = OvfNamespaces.Portal + "Artifact";

    public bool Present { get; private init; }

    public OvfOperatingSystem? OperatingSystem { get; private init; }

    public FirmwareType? Firmware { get; private init; }

    /// <summary>By item InstanceID: the unit the library keeps the amount in, the bounds, and whether to drop the bus.</summary>
    public Dictionary<string, (ResourceUnit? Unit, decimal? Minimum, decimal? Maximum, decimal? Step, bool NoBus)> Hints { get; } = new(StringComparer.Ordinal);

    /// <summary>Requirements with no OVF item, such as GPUs.</summary>
    public List<ResourceRequirement> ExtraRequirements { get; } = [];

    public List<SoftwareComponent> Components { get; } = [];

    public List<string> Tags { get; } = [];

    /// <summary>By file id: the format of files no Disk references (other formats of the same content), and checksums.</summary>
    public Dictionary<string, (DiskFormat? Format, string? Sha256)> Artifacts { get; } = new(StringComparer.Ordinal);

    public static OvfPortalExtension Read(XElement? section, OvfProblems problems)
    {
        if (section is null)
        {
            return new OvfPortalExtension();
        }

        var os = section.Element(OperatingSystemElement);
        var extension = new OvfPortalExtension
        {
            Present = true,
            OperatingSystem = os is null ? null : new OvfOperatingSystem(
                EnumOf<OsFamily>(os, "family", problems) ?? OsFamily.Other,
                (string?)os.Attribute("distribution") ?? "",
                (string?)os.Attribute("version") ?? "",
                EnumOf<CpuArchitecture>(os, "architecture", problems) ?? CpuArchitecture.X86_64),
            Firmware = os is null ? null : EnumOf<FirmwareType>(os, "firmware", problems),
        };

        foreach (var element in section.Elements(RequirementElement))
        {
            var unit = EnumOf<ResourceUnit>(element, "unit", problems);
            var minimum = Number(element, "minimum", problems);
            var maximum = Number(element, "maximum", problems);
            var step = Number(element, "step", problems);
            if ((string?)element.Attribute("instanceId") is { } instanceId)
            {
                extension.Hints[instanceId] = (unit, minimum, maximum, step, (string?)element.Attribute("bus") == "none");
            }
            else if (EnumOf<ResourceType>(element, "type", problems) is { } type && Number(element, "quantity", problems) is { } quantity)
            {
                extension.ExtraRequirements.Add(new ResourceRequirement
                {
                    Type = type,
                    Quantity = quantity,
                    Unit = unit ?? ResourceUnit.Count,
                    Minimum = minimum,
                    Maximum = maximum,
                    Step = step,
                    Bus = EnumOf<DiskBus>(element, "bus", problems),
                    Network = (string?)element.Attribute("network"),
                });
            }
            else
            {
                problems.Add(element, "A requirement without an instanceId needs a type and a quantity.");
            }
        }

        extension.Components.AddRange(section.Elements(ComponentElement)
            .Select(c => new SoftwareComponent((string?)c.Attribute("name") ?? "", (string?)c.Attribute("version"))));
        extension.Tags.AddRange(section.Elements(TagElement).Select(t => t.Value.Trim()).Where(t => t.Length > 0));
        foreach (var artifact in section.Elements(ArtifactElement))
        {
            if ((string?)artifact.Attribute("fileRef") is { } fileRef)
            {
                extension.Artifacts[fileRef] = (EnumOf<DiskFormat>(artifact, "format", problems), (string?)artifact.Attribute("sha256"));
            }
        }

        return extension;
    }

    private static T? EnumOf<T>(XElement element, string name, OvfProblems problems)
        where T : struct, Enum
    {
        if (element.Attribute(name) is not { } attribute)
        {
            return null;
        }

        if (Enum.TryParse<T>(attribute.Value, ignoreCase: true, out var value) && Enum.IsDefined(value)
            && !attribute.Value.Trim().All(char.IsAsciiDigit))
        {
            return value;
        }

        problems.Add(attribute, $"'{attribute.Value}' is not one of {string.Join(", ", Enum.GetNames<T>())}.");
        return null;
    }

    private static decimal? Number(XElement element, string name, OvfProblems problems)
    {
        if (element.Attribute(name) is not { } attribute)
        {
            return null;
        }

        if (decimal.TryParse(attribute.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        problems.Add(attribute, $"'{attribute.Value}' is not a number.");
        return null;
    }
}
