using MudBlazor;
using Portal.Domain.Library;

namespace Portal.Web.Library;

/// <summary>How the library pages name the metamodel's values: the words and colours people read.</summary>
public static class LibraryText
{
    private const decimal BytesPerGiB = 1024m * 1024 * 1024;

    // The names of the metamodel's values live in DisplayNames (the domain's messages use them too); these
    // stay for pages that already call them.

    /// <summary>"KVM", "Redfish virtual media": <see cref="DisplayNames.Of(PlatformTechnology)"/>.</summary>
    public static string Technology(PlatformTechnology technology) => DisplayNames.Of(technology);

    /// <summary>"x86-64", "ARM64": <see cref="DisplayNames.Of(CpuArchitecture)"/>.</summary>
    public static string Architecture(CpuArchitecture architecture) => DisplayNames.Of(architecture);

    /// <summary>"BIOS", "UEFI": <see cref="DisplayNames.Of(FirmwareType)"/>.</summary>
    public static string Firmware(FirmwareType firmware) => DisplayNames.Of(firmware);

    /// <summary>"Network adapter", "GPU": <see cref="DisplayNames.Of(ResourceType)"/>.</summary>
    public static string Resource(ResourceType type) => DisplayNames.Of(type);

    /// <summary>"Physical via PXE", "Virtual via vSphere": where the image's original capture came from.</summary>
    public static string CapturedVia(CaptureSource source, PlatformTechnology technology) =>
        $"{DisplayNames.Of(source)} via {DisplayNames.Of(technology)}";

    public static Color LifecycleColor(ImageLifecycle lifecycle) => lifecycle switch
    {
        ImageLifecycle.Draft => Color.Info,
        ImageLifecycle.Published => Color.Success,
        ImageLifecycle.Deprecated => Color.Warning,
        ImageLifecycle.Retired => Color.Error,
        _ => Color.Default,
    };

    public static string LifecycleIcon(ImageLifecycle lifecycle) => lifecycle switch
    {
        ImageLifecycle.Draft => Icons.Material.Filled.EditNote,
        ImageLifecycle.Published => Icons.Material.Filled.CheckCircle,
        ImageLifecycle.Deprecated => Icons.Material.Filled.History,
        ImageLifecycle.Retired => Icons.Material.Filled.Block,
        _ => Icons.Material.Filled.HelpOutline,
    };

    /// <summary>"12 GiB", "2.5 GiB": artifact sizes, always in GiB so they compare at a glance.</summary>
    public static string SizeInGiB(long bytes) =>
        $"{(bytes / BytesPerGiB).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)} GiB";

    /// <summary>The first eight hex digits of an id, enough to tell artifacts of one image apart.</summary>
    public static string ShortId(Guid id) => id.ToString("N")[..8];

    /// <summary>The first twelve characters of a digest followed by an ellipsis; the whole digest when short.</summary>
    public static string ShortDigest(string digest) => digest.Length <= 12 ? digest : digest[..12] + "…";

    /// <summary>A bound of a requirement in its unit ("8 GiB", "4"), or a dash when there is none.</summary>
    public static string Bound(decimal? value, ResourceUnit unit) => value is { } v ? new Quantity(v, unit).ToString() : "—";
}
