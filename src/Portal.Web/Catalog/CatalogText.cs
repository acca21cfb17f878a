using System.Globalization;
using MudBlazor;
using Portal.Domain.Library;
using Portal.Domain.Requests;
using Portal.Web.Library;

namespace Portal.Web.Catalog;

/// <summary>How the catalog and the request wizard put things into words for a requester.</summary>
public static partial class CatalogText
{
    /// <summary>"Captured from a physical server via PXE", "Captured from a VM on vSphere".</summary>
    public static string Provenance(Provenance provenance) => provenance.CapturedFrom == CaptureSource.Physical
        ? $"Captured from a physical server via {LibraryText.Technology(provenance.SourceTechnology)}"
        : $"Captured from a VM on {LibraryText.Technology(provenance.SourceTechnology)}";

    public static string ProvenanceIcon(CaptureSource source) =>
        source == CaptureSource.Physical ? Icons.Material.Filled.Dns : Icons.Material.Filled.Cloud;

    /// <summary>"Virtual", "Physical": the chips of the platform kinds an image can go to.</summary>
    public static string Kind(PlatformKind kind) => kind.ToString();

    public static string KindIcon(PlatformKind kind) =>
        kind == PlatformKind.Physical ? Icons.Material.Filled.Dns : Icons.Material.Filled.Cloud;

    public static string OsIcon(OsFamily family) => family switch
    {
        OsFamily.Linux => Icons.Custom.Brands.Linux,
        OsFamily.Windows => Icons.Custom.Brands.MicrosoftWindows,
        _ => Icons.Material.Filled.Computer,
    };

    /// <summary>"Linux · Ubuntu 24.04 · x86_64".</summary>
    public static string Os(OsFamily family, string distribution, string version, CpuArchitecture architecture) =>
        $"{family} · {distribution} {version} · {LibraryText.Architecture(architecture)}";

    /// <summary>The caption of a parameter's field: the one place that names a parameter for a requester.</summary>
    public static string Label(ConfigurationParameter parameter) => parameter.DisplayLabel;

    /// <summary>The help under a parameter's field: its description, whether it must be given, and what the portal does when it is not.</summary>
    public static string Help(ConfigurationParameter parameter)
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(parameter.Description))
        {
            parts.Add(Sentence(parameter.Description));
        }

        if (parameter is { IsSecret: true, Generate: true })
        {
            parts.Add("Leave empty and the portal generates one, shown to you once.");
        }
        else if (parameter.Required && parameter.Default is null)
        {
            parts.Add("Required.");
        }
        else if (parameter.Default is { } value && !parameter.IsSecret)
        {
            parts.Add($"Default: {value}.");
        }
        else
        {
            parts.Add("Optional.");
        }

        if (parameter.IsSecret)
        {
            parts.Add("Never shown back.");
        }

        return string.Join(" ", parts);
    }

    /// <summary>"Network adapter: 1 on prod", "Disk: 100 GiB (Virtio)": a resource the image fixes.</summary>
    public static string Resource(ResourceRequirement requirement)
    {
        var amount = requirement.Type == ResourceType.Processor ? $"{requirement.Quantity:0} vCPU" : requirement.Amount.ToString();
        var on = requirement.Network is { } network ? $" on {network}" : "";
        var bus = requirement.Bus is { } diskBus ? $" ({diskBus})" : "";
        return $"{LibraryText.Resource(requirement.Type)}: {amount}{on}{bus}";
    }

    /// <summary>"2 servers · 8 vCPU · 16 GiB memory · 160 GiB disk".</summary>
    public static string Demand(RequestDemand demand) =>
        $"{Count(demand.Servers, "server")} · {demand.Vcpus} vCPU · {new Quantity(demand.MemoryMiB, ResourceUnit.MiB)} memory · {new Quantity(demand.DiskGiB, ResourceUnit.GiB)} disk";

    public static string Memory(RequestDemand demand) => new Quantity(demand.MemoryMiB, ResourceUnit.MiB).ToString();

    public static string Disk(RequestDemand demand) => new Quantity(demand.DiskGiB, ResourceUnit.GiB).ToString();

    /// <summary>"1 server", "3 servers".</summary>
    public static string Count(int count, string noun) =>
        $"{count.ToString(CultureInfo.InvariantCulture)} {noun}{(count == 1 ? "" : "s")}";

    private static string Sentence(string text)
    {
        var trimmed = text.Trim();
        var first = char.ToUpperInvariant(trimmed[0]) + trimmed[1..];
        return first.EndsWith('.') ? first : first + ".";
    }
}
