namespace Portal.Provisioning.Libvirt;

/// <summary>The <c>virErrorNumber</c> values the driver tells apart (libvirt's virterror.h).</summary>
internal static class LibvirtErrorCodes
{
    public const int NoSupport = 3;
    public const int InvalidArg = 8;
    public const int NoDomain = 42;
}
