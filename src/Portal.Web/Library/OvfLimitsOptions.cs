using System.ComponentModel.DataAnnotations;
using Portal.Domain.Library.Ovf;

namespace Portal.Web.Library;

/// <summary>
/// Settings under <c>Portal:Library:Ovf</c>: how much an OVF descriptor may describe. Real appliances have a few
/// disks and adapters and at most a few dozen properties; the caps stop a hostile descriptor from turning into a
/// 40,000-row image page.
/// </summary>
public sealed class OvfLimitsOptions
{
    public const string Section = "Portal:Library:Ovf";

    [Range(1, 4096)]
    public int MaxDisks { get; set; } = OvfImportOptions.DefaultMaxDisks;

    [Range(1, 4096)]
    public int MaxNetworkAdapters { get; set; } = OvfImportOptions.DefaultMaxNetworkAdapters;

    [Range(0, 65536)]
    public int MaxProperties { get; set; } = OvfImportOptions.DefaultMaxProperties;

    /// <summary>The largest descriptor read, in bytes (4 MiB by default; a real one is a few kilobytes).</summary>
    [Range(1024, 256L * 1024 * 1024)]
    public long MaxDescriptorBytes { get; set; } = OvfImportOptions.DefaultMaxDescriptorBytes;
}
