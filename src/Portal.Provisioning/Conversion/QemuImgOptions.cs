using System.ComponentModel.DataAnnotations;

namespace Portal.Provisioning.Conversion;

/// <summary>Where qemu-img lives. Bound from the <c>QemuImg</c> configuration section.</summary>
public sealed class QemuImgOptions
{
    public const string SectionName = "QemuImg";

    /// <summary>A bare name is looked up on PATH; Debian's qemu-utils puts it at /usr/bin/qemu-img.</summary>
    [Required]
    public string Path { get; set; } = "qemu-img";
}
