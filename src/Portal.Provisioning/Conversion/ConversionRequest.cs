using Portal.Domain.Library;

namespace Portal.Provisioning.Conversion;

/// <summary>
/// One image to convert. The source format is stated, not probed: letting qemu-img guess would let a raw
/// disk whose guest wrote a qcow2 header be opened as qcow2, with whatever backing file that header names.
/// </summary>
public sealed record ConversionRequest
{
    public required string SourcePath { get; init; }

    public required DiskFormat SourceFormat { get; init; }

    public required DiskFormat TargetFormat { get; init; }

    public required string TargetPath { get; init; }
}
