using Portal.Domain.Library;

namespace Portal.Web.Library.Platforms;

/// <summary>The editable fields of a platform, as the dialog binds them; <see cref="ToPlatform"/> makes the domain value.</summary>
public sealed class PlatformForm
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public string Name { get; set; } = "";

    public PlatformKind Kind { get; set; } = PlatformKind.Virtual;

    public PlatformTechnology Technology { get; set; } = PlatformTechnology.Kvm;

    public IReadOnlyCollection<DiskFormat> DiskFormats { get; set; } = [DiskFormat.Qcow2, DiskFormat.Raw];

    public IReadOnlyCollection<FirmwareType> Firmware { get; set; } = [FirmwareType.Bios, FirmwareType.Uefi];

    public IReadOnlyCollection<CpuArchitecture> Architectures { get; set; } = [CpuArchitecture.X86_64];

    public int? MaxVcpus { get; set; }

    public int? MaxMemoryGiB { get; set; }

    public string? Description { get; set; }

    public static PlatformForm From(Platform platform) => new()
    {
        Id = platform.Id,
        Name = platform.Name,
        Kind = platform.Kind,
        Technology = platform.Technology,
        DiskFormats = platform.Capabilities.DiskFormats.ToList(),
        Firmware = platform.Capabilities.Firmware.ToList(),
        Architectures = platform.Capabilities.Architectures.ToList(),
        MaxVcpus = platform.Capabilities.MaxVcpus,
        MaxMemoryGiB = platform.Capabilities.MaxMemory is { } memory ? (int)memory.In(ResourceUnit.GiB).Value : null,
        Description = platform.Description,
    };

    public Platform ToPlatform() => new()
    {
        Id = Id,
        Name = Name.Trim(),
        Kind = Kind,
        Technology = Technology,
        Description = string.IsNullOrWhiteSpace(Description) ? null : Description.Trim(),
        Capabilities = new PlatformCapabilities
        {
            DiskFormats = DiskFormats.Distinct().ToList(),
            Firmware = Firmware.Distinct().ToList(),
            Architectures = Architectures.Distinct().ToList(),
            MaxVcpus = MaxVcpus,
            MaxMemory = MaxMemoryGiB is { } gib ? new Quantity(gib, ResourceUnit.GiB) : null,
        },
    };
}
