namespace Portal.Domain.Library;

/// <summary>What a platform can run: formats it writes or boots, firmware, architectures, size limits per server.</summary>
public sealed record PlatformCapabilities
{
    public required IReadOnlyList<DiskFormat> DiskFormats { get; init; }

    public IReadOnlyList<FirmwareType> Firmware { get; init; } = [FirmwareType.Bios, FirmwareType.Uefi];

    public IReadOnlyList<CpuArchitecture> Architectures { get; init; } = [CpuArchitecture.X86_64];

    public int? MaxVcpus { get; init; }

    public Quantity? MaxMemory { get; init; }
}
