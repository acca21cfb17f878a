using Portal.Domain.Library;

namespace Portal.Data.Library;

/// <summary>
/// A master image as stored: the whole image as a JSON document (so the metamodel can grow without a
/// migration per field), plus the columns the library grid filters and sorts on, kept in step on every save.
/// </summary>
public sealed class ImageRecord
{
    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    public string Version { get; set; } = "";

    public string Owner { get; set; } = "";

    public ImageLifecycle Lifecycle { get; set; }

    public OsFamily OsFamily { get; set; }

    public string OsLabel { get; set; } = "";

    public CpuArchitecture Architecture { get; set; }

    public CaptureSource CapturedFrom { get; set; }

    public PlatformTechnology SourceTechnology { get; set; }

    /// <summary>Tags as "|a|b|" so a tag filter is a plain LIKE on every provider.</summary>
    public string Tags { get; set; } = "|";

    public string HardwareSummary { get; set; } = "";

    public string Document { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Optimistic concurrency: two admins saving the same image cannot overwrite each other.</summary>
    public Guid Revision { get; set; }
}
