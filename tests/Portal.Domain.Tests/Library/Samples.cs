using Portal.Domain.Library;

namespace Portal.Domain.Tests.Library;

/// <summary>Realistic images and platforms, built with nothing but `new`.</summary>
internal static class Samples
{
    public static readonly DateTimeOffset CaptureTime = new(2026, 10, 1, 9, 0, 0, TimeSpan.Zero);

    public static HardwareTemplate Template(CpuArchitecture architecture = CpuArchitecture.X86_64, FirmwareType firmware = FirmwareType.Uefi) => new()
    {
        Architecture = architecture,
        Firmware = firmware,
        Requirements =
        [
            new() { Type = ResourceType.Processor, Quantity = 4, Minimum = 2, Maximum = 16, Step = 2 },
            new() { Type = ResourceType.Memory, Quantity = 8, Unit = ResourceUnit.GiB, Minimum = 4, Maximum = 64 },
            new() { Type = ResourceType.Disk, Quantity = 80, Unit = ResourceUnit.GiB, Minimum = 40, Maximum = 500, Bus = DiskBus.Virtio },
            new() { Type = ResourceType.Disk, Quantity = 20, Unit = ResourceUnit.GiB, Bus = DiskBus.Virtio },
            new() { Type = ResourceType.NetworkAdapter, Quantity = 1, Network = "prod" },
        ],
    };

    public static SoftwareStack Linux() => new()
    {
        Family = OsFamily.Linux,
        Distribution = "Ubuntu",
        Version = "24.04",
        Components = [new("nginx", "1.24"), new("node_exporter", "1.8")],
        Parameters =
        [
            new() { Name = "hostname", Type = ParameterType.Hostname, Required = true },
            new() { Name = "ip", Type = ParameterType.Ip },
            new() { Name = "adminPassword", Type = ParameterType.Secret, Required = true },
            new() { Name = "workers", Type = ParameterType.Int, Default = "4" },
            new() { Name = "env", Pattern = "dev|test|prod", Default = "dev", Description = "dev, test or prod" },
        ],
    };

    public static ImageArtifact Artifact(DiskFormat format, CaptureSource source, PlatformTechnology technology, Guid? convertedFrom = null) => new()
    {
        Id = Guid.NewGuid(),
        Format = format,
        SizeBytes = 4L * 1024 * 1024 * 1024,
        Sha256 = new string('a', 64),
        Location = new Uri($"file:///images/ubuntu.{format.ToString().ToLowerInvariant()}"),
        Provenance = new Provenance(source, technology, "r750-07", CaptureTime),
        ConvertedFrom = convertedFrom,
    };

    public static MasterImage Image(params ImageArtifact[] artifacts) => new()
    {
        Id = Guid.NewGuid(),
        Name = "Ubuntu 24.04 web server",
        Version = "2026.10",
        Owner = "sam@portal.local",
        Lifecycle = ImageLifecycle.Published,
        Hardware = Template(),
        Software = Linux(),
        Artifacts = artifacts.Length > 0 ? artifacts : [Artifact(DiskFormat.Raw, CaptureSource.Physical, PlatformTechnology.Pxe)],
    };

    public static Platform Kvm(int maxVcpus = 32) => new()
    {
        Id = Guid.NewGuid(),
        Name = "KVM cluster A",
        Kind = PlatformKind.Virtual,
        Technology = PlatformTechnology.Kvm,
        Capabilities = new()
        {
            DiskFormats = [DiskFormat.Qcow2, DiskFormat.Raw],
            MaxVcpus = maxVcpus,
            MaxMemory = new Quantity(256, ResourceUnit.GiB),
        },
    };

    public static Platform Pxe() => new()
    {
        Id = Guid.NewGuid(),
        Name = "Rack pool 1",
        Kind = PlatformKind.Physical,
        Technology = PlatformTechnology.Pxe,
        Capabilities = new() { DiskFormats = [DiskFormat.Raw, DiskFormat.Wim], MaxVcpus = 128 },
    };
}
