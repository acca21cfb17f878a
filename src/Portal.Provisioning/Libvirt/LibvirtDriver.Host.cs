using System.Runtime.InteropServices;
using System.Xml.Linq;

namespace Portal.Provisioning.Libvirt;

/// <summary>Reading the host (what it is, what it can run) and changing a guest's removable media.</summary>
public sealed partial class LibvirtDriver
{
    /// <summary>The hypervisor and host behind the connection (opening it if needed): what a connection test reports.</summary>
    public Task<LibvirtHostInfo> DescribeHostAsync(CancellationToken cancellationToken = default) =>
        RunAsync(connection => LibvirtHostNative.Describe(connection, options.Uri), cancellationToken);

    /// <summary>Reads what the host can give a guest (see <see cref="LibvirtHost"/>).</summary>
    /// <exception cref="LibvirtException">The host's capabilities or networks cannot be read.</exception>
    public Task<LibvirtHost> ReadHostAsync(CancellationToken cancellationToken = default) =>
        RunAsync(
            connection =>
            {
                var capabilities = LibvirtNative.virConnectGetCapabilities(connection);
                if (capabilities == IntPtr.Zero)
                {
                    throw LibvirtNative.Fail("read the host's capabilities");
                }

                var hostCpu = XDocument.Parse(LibvirtNative.TakeString(capabilities)).Root?.Element("host")?.Element("cpu");
                var virtualizes = hostCpu?.Elements("feature").Any(f => (string?)f.Attribute("name") is "vmx" or "svm") == true;

                // No kvm domain capabilities (no /dev/kvm, no kvm module) is an answer, not an error.
                var kvm = LibvirtNative.virConnectGetDomainCapabilities(connection, null, null, null, "kvm", 0);
                if (kvm == IntPtr.Zero)
                {
                    _ = LibvirtNative.Fail("read the host's kvm capabilities");
                }
                else
                {
                    LibvirtNative.TakeString(kvm);
                }

                return new LibvirtHost { KvmUsable = virtualizes && kvm != IntPtr.Zero, ActiveNetworks = ActiveNetworks(connection) };
            },
            cancellationToken);

    /// <summary>
    /// Puts <paramref name="isoPath"/> into the domain's CD-ROM drive <paramref name="target"/>, in its persistent
    /// definition: the next start sees it. Done by defining the domain again with the drive filled in, which every
    /// libvirt driver does (the test driver has no virDomainUpdateDeviceFlags), and which a repeat leaves as it is.
    /// </summary>
    /// <exception cref="LibvirtException">No such domain or drive, or libvirt refused the definition.</exception>
    public Task ChangeMediaAsync(string name, string target, string isoPath, CancellationToken cancellationToken = default) =>
        RunAsync(
            connection =>
            {
                using var domain = Lookup(connection, name)
                    ?? throw new LibvirtException($"There is no domain '{name}' on {options.Uri} to change the media of.", LibvirtErrorCodes.NoDomain);
                var pointer = LibvirtNative.virDomainGetXMLDesc(domain, LibvirtNative.XmlInactive);
                if (pointer == IntPtr.Zero)
                {
                    throw LibvirtNative.Fail($"read the definition of domain '{name}'");
                }

                var definition = XDocument.Parse(LibvirtNative.TakeString(pointer));
                var drive = definition.Root?.Element("devices")?.Elements("disk")
                    .FirstOrDefault(d => (string?)d.Attribute("device") == "cdrom" && (string?)d.Element("target")?.Attribute("dev") == target)
                    ?? throw new LibvirtException($"Domain '{name}' has no CD-ROM drive {target}.");
                drive.Element("source")?.Remove();
                // The source goes before the target, where libvirt's own dumpxml writes it.
                drive.Element("target")!.AddBeforeSelf(new XElement("source", new XAttribute("file", isoPath)));
                using var defined = LibvirtNative.virDomainDefineXML(connection, definition.ToString());
                return defined.IsInvalid ? throw LibvirtNative.Fail($"insert {isoPath} into {target} of domain '{name}'") : true;
            },
            cancellationToken);

    private static HashSet<string> ActiveNetworks(LibvirtConnectionHandle connection)
    {
        var count = LibvirtNative.virConnectListAllNetworks(connection, out var array, LibvirtNative.ListNetworksActive);
        if (count < 0)
        {
            var error = LibvirtNative.Fail("list the host's networks");
            // A host without the network driver has no networks, which is what the caller needs to know.
            return error.ErrorCode is LibvirtErrorCodes.NoSupport ? [] : throw error;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var network = Marshal.ReadIntPtr(array, i * IntPtr.Size);
                names.Add(Marshal.PtrToStringUTF8(LibvirtNative.virNetworkGetName(network)) ?? string.Empty);
                LibvirtNative.virNetworkFree(network);
            }
        }
        finally
        {
            Marshal.FreeHGlobal(array);
        }

        return names;
    }
}
