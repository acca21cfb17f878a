using Portal.Domain.Library;

namespace Portal.Data.Library;

/// <summary>A row of the library: what a requester reads at a glance.</summary>
public sealed record ImageSummary(
    Guid Id,
    string Name,
    string Version,
    ImageLifecycle Lifecycle,
    OsFamily OsFamily,
    string OsLabel,
    CpuArchitecture Architecture,
    CaptureSource CapturedFrom,
    PlatformTechnology SourceTechnology,
    string HardwareSummary,
    IReadOnlyList<string> Tags,
    DateTimeOffset UpdatedAt);
