using System.Runtime.InteropServices;

namespace Portal.Provisioning.Libvirt;

/// <summary>
/// The libvirt calls that describe a connection's hypervisor and host
/// (https://libvirt.org/html/libvirt-libvirt-host.html), for a connection test.
/// </summary>
internal static partial class LibvirtHostNative
{
    private const string Library = "libvirt.so.0";

    /// <summary>Reads the hypervisor, versions, host name and node info; throws <see cref="LibvirtException"/> with libvirt's reason.</summary>
    public static LibvirtHostInfo Describe(LibvirtConnectionHandle connection, string uri)
    {
        var type = virConnectGetType(connection);
        if (type == IntPtr.Zero)
        {
            throw LibvirtNative.Fail("read the hypervisor type");
        }

        // Owned by the connection: not freed.
        var hypervisor = Marshal.PtrToStringUTF8(type) ?? "";
        if (virConnectGetVersion(connection, out var hypervisorVersion) < 0)
        {
            throw LibvirtNative.Fail("read the hypervisor version");
        }

        if (virConnectGetLibVersion(connection, out var libraryVersion) < 0)
        {
            throw LibvirtNative.Fail("read libvirt's version");
        }

        var hostname = virConnectGetHostname(connection);
        if (hostname == IntPtr.Zero)
        {
            throw LibvirtNative.Fail("read the host name");
        }

        var host = LibvirtNative.TakeString(hostname);
        if (virNodeGetInfo(connection, out var node) < 0)
        {
            throw LibvirtNative.Fail("read the host's CPUs and memory");
        }

        return new LibvirtHostInfo
        {
            Uri = uri,
            Hypervisor = hypervisor,
            HypervisorVersion = Version(hypervisorVersion),
            LibvirtVersion = Version(libraryVersion),
            Hostname = host,
            CpuModel = node.Model(),
            Cpus = (int)node.Cpus,
            MemoryMiB = (long)(node.MemoryKiB / 1024),
        };
    }

    /// <summary>libvirt's versions are major * 1,000,000 + minor * 1,000 + release.</summary>
    private static string Version(ulong version) => $"{version / 1_000_000}.{version / 1_000 % 1_000}.{version % 1_000}";

    [LibraryImport(Library)]
    private static partial IntPtr virConnectGetType(LibvirtConnectionHandle connection);

    [LibraryImport(Library)]
    private static partial int virConnectGetVersion(LibvirtConnectionHandle connection, out ulong version);

    [LibraryImport(Library)]
    private static partial int virConnectGetLibVersion(LibvirtConnectionHandle connection, out ulong version);

    /// <summary>Returns a malloc'ed string the caller frees, or zero on error.</summary>
    [LibraryImport(Library)]
    private static partial IntPtr virConnectGetHostname(LibvirtConnectionHandle connection);

    [LibraryImport(Library)]
    private static partial int virNodeGetInfo(LibvirtConnectionHandle connection, out NodeInfo info);

    /// <summary>virNodeInfo: char model[32]; unsigned long memory (KiB); unsigned int cpus, mhz, nodes, sockets, cores, threads.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private unsafe struct NodeInfo
    {
        private fixed byte model[32];
        public nuint MemoryKiB;
        public uint Cpus;
        public uint Mhz;
        public uint Nodes;
        public uint Sockets;
        public uint Cores;
        public uint Threads;

        public string Model()
        {
            fixed (byte* bytes = model)
            {
                var span = new ReadOnlySpan<byte>(bytes, 32);
                var end = span.IndexOf((byte)0);
                return System.Text.Encoding.UTF8.GetString(end < 0 ? span : span[..end]);
            }
        }
    }
}
