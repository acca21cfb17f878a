using Portal.Domain.Library;

namespace Portal.Provisioning.Conversion;

/// <summary>A verified conversion result, ready to upload or register.</summary>
public sealed record ConvertedImage
{
    public required string Path { get; init; }

    public required DiskFormat Format { get; init; }

    public required long VirtualSizeBytes { get; init; }

    /// <summary>The file's length: what an upload transfers (not the blocks it occupies on a sparse file system).</summary>
    public required long SizeBytes { get; init; }

    /// <summary>Lower-case hex SHA-256 of the file, for manifests (OVA) and upload checks.</summary>
    public required string Sha256 { get; init; }
}
