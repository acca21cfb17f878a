using System.Runtime.InteropServices;

namespace Portal.Provisioning.Libvirt;

/// <summary>The leading fields of libvirt's <c>virError</c> struct: all the driver reads of it.</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct LibvirtNativeError
{
    public readonly int Code;
    public readonly int Domain;
    public readonly IntPtr Message;
}
