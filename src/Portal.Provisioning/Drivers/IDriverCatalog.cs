using Portal.Domain.Library;

namespace Portal.Provisioning.Drivers;

/// <summary>
/// Which driver serves a platform, from its connection settings: a platform configured for libvirt gets the libvirt
/// drivers, one configured for Redfish the bare-metal drivers, a simulated one the simulated datacenter. A platform
/// never configured follows <c>Portal:Provisioning:Drivers</c>: the driver of its technology when Real, the simulated
/// datacenter when Simulated. Simulated also forces every platform onto the simulated datacenter, whatever its settings.
/// </summary>
public interface IDriverCatalog
{
    /// <summary>The converter for artifacts deployed to <paramref name="platform"/>: qemu-img for real platforms, the simulation's for simulated ones.</summary>
    IImageConverter ConverterFor(Platform platform);

    /// <summary>The drivers for the platform; throws <see cref="DriverException"/> with a sentence an admin can act on when none serves it.</summary>
    PlatformDrivers For(Platform platform);

    /// <summary>The driver that serves the platform now, or null when none does (a vSphere platform with real drivers).</summary>
    PlatformDriver? DriverOf(Platform platform);

    /// <summary>
    /// Whether the simulated datacenter, not real infrastructure, serves the platform. A deployment to such a platform
    /// completes without creating anything, so pages mark it.
    /// </summary>
    bool IsSimulated(Platform platform);

    /// <summary>Tests the connection of the driver that serves the platform (see <see cref="IPlatformDriverFactory.TestAsync"/>).</summary>
    Task<ConnectionTestResult> TestAsync(Platform platform, PlatformMembers members, CancellationToken cancellationToken);
}
