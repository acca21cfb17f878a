namespace Portal.Provisioning.BareMetal;

/// <summary>Settings of the real bare-metal drivers (section Portal:Provisioning:BareMetal).</summary>
public sealed class BareMetalOptions
{
    public const string Section = "Portal:Provisioning:BareMetal";

    /// <summary>The image writer as a bootable ISO, for platforms whose BMC mounts virtual media (Redfish virtual media).</summary>
    public Uri? ImageWriterIsoUrl { get; set; }
}
