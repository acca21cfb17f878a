namespace Portal.Domain.Library.Ovf;

/// <summary>What an OVF descriptor does not say about the image it becomes: identity, owner and provenance.</summary>
public sealed record OvfImportOptions
{
    public const long DefaultMaxDescriptorBytes = 4L * 1024 * 1024;

    public const int DefaultMaxDisks = 64;

    public const int DefaultMaxNetworkAdapters = 64;

    public const int DefaultMaxProperties = 256;

    public required Guid ImageId { get; init; }

    public required string Owner { get; init; }

    public required DateTimeOffset CapturedAt { get; init; }

    /// <summary>
    /// Where the package's files live; each artifact's location is this combined with its <c>ovf:href</c>
    /// (for example <c>ova://appliance/</c> or <c>file:///srv/images/appliance/</c>). End it with a slash.
    /// </summary>
    public required Uri ArtifactBaseUri { get; init; }

    /// <summary>Used when the descriptor does not reveal where it was exported from.</summary>
    public CaptureSource CaptureSource { get; init; } = CaptureSource.Virtual;

    /// <summary>Used when neither the VirtualSystemType nor a vendor section names the hypervisor.</summary>
    public PlatformTechnology Technology { get; init; } = PlatformTechnology.VSphere;

    public string? SourceServer { get; init; }

    /// <summary>A descriptor is a few kilobytes; anything near this is a mistake or an attack.</summary>
    public long MaxDescriptorBytes { get; init; } = DefaultMaxDescriptorBytes;

    /// <summary>The most disks (Disk elements, File references, disk items) a descriptor may describe.</summary>
    public int MaxDisks { get; init; } = DefaultMaxDisks;

    /// <summary>The most network adapter items a descriptor may describe.</summary>
    public int MaxNetworkAdapters { get; init; } = DefaultMaxNetworkAdapters;

    /// <summary>The most ProductSection properties a descriptor may declare.</summary>
    public int MaxProperties { get; init; } = DefaultMaxProperties;

    /// <summary>
    /// How far into an OVA to look for the descriptor. The standard puts it first, so only a non-conforming
    /// package needs more than a few kilobytes; the cap stops a huge or endless stream from being read through.
    /// </summary>
    public long MaxPackageBytesScanned { get; init; } = 1L << 30;
}
