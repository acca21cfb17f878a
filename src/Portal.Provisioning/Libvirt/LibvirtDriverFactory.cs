using Portal.Domain.Library;
using Portal.Provisioning.Drivers;

namespace Portal.Provisioning.Libvirt;

/// <summary>
/// The libvirt driver for KVM platforms: <see cref="KvmDrivers"/> acts on each VM's host through the host's libvirt
/// URI, and a connection test opens the platform's URI and reads its hypervisor and host.
/// </summary>
public sealed class LibvirtDriverFactory(KvmDrivers kvm, IImageConverter converter) : IPlatformDriverFactory
{
    private readonly PlatformDrivers drivers = new(kvm, kvm, kvm, kvm, kvm, Converter: converter);

    public PlatformDriver Driver => PlatformDriver.Libvirt;

    public PlatformDrivers For(Platform platform) => drivers;

    public async Task<ConnectionTestResult> TestAsync(Platform platform, PlatformMembers members, CancellationToken cancellationToken)
    {
        // A platform never configured has no URI of its own: its hosts' connections are what a deployment opens.
        var uris = platform.Connection?.Uri is { Length: > 0 } uri
            ? [uri.Trim()]
            : members.Hosts.Select(h => h.Connection).Distinct(StringComparer.Ordinal).ToList();
        if (uris.Count == 0)
        {
            return ConnectionTestResult.Failure($"{platform.Name} has no libvirt URI and no hosts: set its URI (qemu:///system, qemu+ssh://root@kvm01/system).");
        }

        var details = new List<string>();
        var failed = 0;
        foreach (var target in uris)
        {
            try
            {
                // A connection of its own, closed after the test: the deployments' connections are left alone.
                using var libvirt = new LibvirtDriver(new LibvirtOptions { Uri = target });
                details.Add($"{target}: {await libvirt.DescribeHostAsync(cancellationToken)}");
            }
            catch (LibvirtException e)
            {
                failed++;
                details.Add($"{target}: {e.Message}");
            }
        }

        return failed == 0
            ? ConnectionTestResult.Success($"libvirt answered at {string.Join(", ", uris)}.", details)
            : ConnectionTestResult.Failure($"libvirt did not answer at {failed} of {uris.Count} URI(s).", details);
    }
}
