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

    /// <summary>The driver; null: not configured, the platform follows Portal:Provisioning:Drivers.</summary>
    public PlatformDriver? Driver { get; set; }

    public string? Uri { get; set; }

    public string? UserName { get; set; }

    /// <summary>Write-only: empty keeps the stored password.</summary>
    public string? Password { get; set; }

    /// <summary>Whether a password is stored (what the dialog may say of it).</summary>
    public bool PasswordSet { get; private set; }

    public bool IpxeHasHttps { get; set; }

    /// <summary>What the password field says under it: whether one is stored, and that an empty field keeps it.</summary>
    public string PasswordHelp => PasswordSet ? "Set — leave empty to keep the stored password." : "Not set.";

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
        Driver = platform.Connection?.Driver,
        Uri = platform.Connection?.Uri,
        UserName = platform.Connection?.UserName,
        PasswordSet = platform.Connection?.HasPassword ?? false,
        IpxeHasHttps = platform.Connection?.IpxeHasHttps ?? false,
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
        Connection = Driver is { } driver
            ? new PlatformConnection
            {
                Driver = driver,
                Uri = string.IsNullOrWhiteSpace(Uri) ? null : Uri.Trim(),
                UserName = string.IsNullOrWhiteSpace(UserName) ? null : UserName.Trim(),
                Password = new SecretValue(Password ?? ""),
                IpxeHasHttps = IpxeHasHttps,
            }
            : null,
    };
}
