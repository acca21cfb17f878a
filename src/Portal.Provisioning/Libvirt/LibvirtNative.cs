using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Portal.Provisioning.Libvirt;

/// <summary>
/// The few libvirt C API calls the driver needs (https://libvirt.org/html/libvirt-libvirt-domain.html).
/// Through the C API rather than virsh because one connection must outlive a call: with test:///default every
/// virsh process gets a fresh in-memory hypervisor, and on a real host one connection avoids a process per call.
/// </summary>
/// <remarks>
/// libvirt's last error is per thread: whoever makes a call must read the error on the same thread, before the
/// next call. <see cref="Fail"/> does so, and the driver keeps a failing call and its error read in one delegate.
/// </remarks>
internal static partial class LibvirtNative
{
    private const string Library = "libvirt.so.0";

    public const uint UndefineNvram = 4;

    /// <summary>VIR_DOMAIN_XML_INACTIVE: the persistent definition rather than the running one.</summary>
    public const uint XmlInactive = 2;

    /// <summary>VIR_CONNECT_LIST_NETWORKS_ACTIVE.</summary>
    public const uint ListNetworksActive = 2;

    private static readonly Lock InitializeLock = new();
    private static bool initialized;

    /// <summary>
    /// Initialises libvirt and silences its default error handler, which prints every error (even an expected
    /// "domain not found") on stderr; the driver reports errors through exceptions instead.
    /// </summary>
    /// <exception cref="LibvirtException">libvirt.so.0 is not installed.</exception>
    public static void EnsureInitialized()
    {
        lock (InitializeLock)
        {
            if (initialized)
            {
                return;
            }

            try
            {
                // libvirt asks multi-threaded programs that set an error handler to initialise it explicitly first.
                if (virInitialize() < 0)
                {
                    throw Fail("initialise libvirt");
                }

                unsafe
                {
                    virSetErrorFunc(IntPtr.Zero, (IntPtr)(delegate* unmanaged[Cdecl]<IntPtr, IntPtr, void>)&IgnoreError);
                }
            }
            catch (DllNotFoundException ex)
            {
                throw new LibvirtException(
                    "libvirt's C library (libvirt.so.0) could not be loaded: install the Debian package libvirt0 (apt-get install libvirt-clients brings it).",
                    innerException: ex);
            }

            initialized = true;
        }
    }

    /// <summary>An exception carrying libvirt's message for the call that just failed on this thread.</summary>
    public static LibvirtException Fail(string action)
    {
        var pointer = virGetLastError();
        if (pointer == IntPtr.Zero)
        {
            return new LibvirtException($"libvirt could not {action} and gave no reason.");
        }

        var error = Marshal.PtrToStructure<LibvirtNativeError>(pointer);
        var message = Marshal.PtrToStringUTF8(error.Message) ?? "no message";
        virResetLastError();
        return new LibvirtException($"libvirt could not {action}: {message}", error.Code);
    }

    /// <summary>Copies a string libvirt allocated for the caller, then frees it as libvirt asks (with free()).</summary>
    public static string TakeString(IntPtr pointer)
    {
        try
        {
            return Marshal.PtrToStringUTF8(pointer) ?? string.Empty;
        }
        finally
        {
            // Marshal.FreeHGlobal is the C library's free() on Linux, the allocator libvirt uses.
            Marshal.FreeHGlobal(pointer);
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void IgnoreError(IntPtr userData, IntPtr error)
    {
    }

    [LibraryImport(Library)]
    private static partial int virInitialize();

    [LibraryImport(Library)]
    private static partial void virSetErrorFunc(IntPtr userData, IntPtr handler);

    [LibraryImport(Library)]
    private static partial IntPtr virGetLastError();

    [LibraryImport(Library)]
    private static partial void virResetLastError();

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial LibvirtConnectionHandle virConnectOpen(string name);

    [LibraryImport(Library)]
    public static partial int virConnectClose(IntPtr connection);

    [LibraryImport(Library)]
    public static partial int virConnectIsAlive(LibvirtConnectionHandle connection);

    /// <summary>Fills <paramref name="domains"/> with a malloc'ed array of domain pointers; returns their count or -1.</summary>
    [LibraryImport(Library)]
    public static partial int virConnectListAllDomains(LibvirtConnectionHandle connection, out IntPtr domains, uint flags);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial LibvirtDomainHandle virDomainDefineXML(LibvirtConnectionHandle connection, string xml);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial LibvirtDomainHandle virDomainLookupByName(LibvirtConnectionHandle connection, string name);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial LibvirtDomainHandle virDomainLookupByUUIDString(LibvirtConnectionHandle connection, string uuid);

    [LibraryImport(Library)]
    public static partial int virDomainCreate(LibvirtDomainHandle domain);

    [LibraryImport(Library)]
    public static partial int virDomainShutdown(LibvirtDomainHandle domain);

    [LibraryImport(Library)]
    public static partial int virDomainDestroy(LibvirtDomainHandle domain);

    [LibraryImport(Library)]
    public static partial int virDomainUndefine(LibvirtDomainHandle domain);

    [LibraryImport(Library)]
    public static partial int virDomainUndefineFlags(LibvirtDomainHandle domain, uint flags);

    /// <summary>Returns a malloc'ed string the caller frees (<see cref="TakeString"/>), or zero on error.</summary>
    [LibraryImport(Library)]
    public static partial IntPtr virDomainGetXMLDesc(LibvirtDomainHandle domain, uint flags);

    [LibraryImport(Library)]
    public static partial int virDomainGetState(LibvirtDomainHandle domain, out int state, out int reason, uint flags);

    /// <summary>The domain's name, owned by the domain object: not to be freed.</summary>
    [LibraryImport(Library)]
    public static partial IntPtr virDomainGetName(IntPtr domain);

    [LibraryImport(Library)]
    public static partial int virDomainFree(IntPtr domain);

    /// <summary>The host's capabilities XML (its CPU and features), malloc'ed for the caller; zero on error.</summary>
    [LibraryImport(Library)]
    public static partial IntPtr virConnectGetCapabilities(LibvirtConnectionHandle connection);

    /// <summary>
    /// What a domain of one virtualization type can be given on this host, malloc'ed for the caller; zero when the
    /// host cannot run that type at all. Null arguments let libvirt pick the defaults.
    /// </summary>
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr virConnectGetDomainCapabilities(
        LibvirtConnectionHandle connection, string? emulatorBinary, string? architecture, string? machine, string? virtualizationType, uint flags);

    /// <summary>Fills <paramref name="networks"/> with a malloc'ed array of network pointers; returns their count or -1.</summary>
    [LibraryImport(Library)]
    public static partial int virConnectListAllNetworks(LibvirtConnectionHandle connection, out IntPtr networks, uint flags);

    /// <summary>The network's name, owned by the network object: not to be freed.</summary>
    [LibraryImport(Library)]
    public static partial IntPtr virNetworkGetName(IntPtr network);

    [LibraryImport(Library)]
    public static partial int virNetworkFree(IntPtr network);
}
