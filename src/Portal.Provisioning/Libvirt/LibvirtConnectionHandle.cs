using Microsoft.Win32.SafeHandles;

namespace Portal.Provisioning.Libvirt;

/// <summary>A <c>virConnectPtr</c>: closed exactly once, and not while a call that uses it is still running.</summary>
internal sealed class LibvirtConnectionHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public LibvirtConnectionHandle()
        : base(ownsHandle: true)
    {
    }

    // virConnectClose returns the references left (0 or more) or -1 on error.
    protected override bool ReleaseHandle() => LibvirtNative.virConnectClose(handle) >= 0;
}
