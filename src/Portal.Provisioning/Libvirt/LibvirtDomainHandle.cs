using Microsoft.Win32.SafeHandles;

namespace Portal.Provisioning.Libvirt;

/// <summary>A <c>virDomainPtr</c>: a reference to a domain object, freed once (the domain itself stays).</summary>
internal sealed class LibvirtDomainHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public LibvirtDomainHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle() => LibvirtNative.virDomainFree(handle) == 0;
}
