using System.ComponentModel.DataAnnotations;

namespace Portal.Web.Library;

/// <summary>Settings under <c>Portal:Library</c>.</summary>
public sealed class LibraryOptions
{
    public const string Section = "Portal:Library";

    /// <summary>The largest OVF or OVA upload accepted, in bytes. An OVA carries its disks, so this is large.</summary>
    [Range(1024, long.MaxValue)]
    public long MaxUploadBytes { get; set; } = 20L * 1024 * 1024 * 1024;
}
