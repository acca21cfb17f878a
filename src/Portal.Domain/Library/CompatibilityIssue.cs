namespace Portal.Domain.Library;

/// <summary>What kind of fact stands between an image and a platform.</summary>
public enum CompatibilityIssue
{
    Architecture,
    Firmware,
    DiskFormat,
    Processor,
    Memory,
}
