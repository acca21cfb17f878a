using Portal.Domain.Library;

namespace Portal.Provisioning.Conversion;

/// <summary>What <c>qemu-img info</c> says about one image file.</summary>
public sealed record DiskImageInfo
{
    public required string Path { get; init; }

    /// <summary>qemu-img's own name for the format ("qcow2", "vpc", "luks"…), also when the portal has no name for it.</summary>
    public required string FormatName { get; init; }

    /// <summary>The format, or null when it is one the portal does not handle.</summary>
    public DiskFormat? Format { get; init; }

    /// <summary>The size of the disk the guest sees.</summary>
    public required long VirtualSizeBytes { get; init; }

    /// <summary>The blocks the file occupies on the host's file system (less than its length when sparse).</summary>
    public long ActualSizeBytes { get; init; }

    /// <summary>A file this image reads unwritten blocks from; a self-contained image has none.</summary>
    public string? BackingFile { get; init; }

    /// <summary>The vmdk create type ("streamOptimized", "monolithicSparse"…), null for other formats.</summary>
    public string? Subformat { get; init; }
}
