using Microsoft.Extensions.Options;
using Portal.Domain.Library;
using Portal.Provisioning.Telemetry;

namespace Portal.Provisioning.Drivers;

/// <summary>
/// Picks each platform's driver from its settings (see <see cref="IDriverCatalog"/>) among the registered
/// <see cref="IPlatformDriverFactory"/> services, and refuses, in a sentence, a platform whose driver is not registered.
/// </summary>
public sealed class DriverCatalog(IOptions<ProvisioningOptions> options, IEnumerable<IPlatformDriverFactory> factories) : IDriverCatalog
{
    private readonly IReadOnlyDictionary<PlatformDriver, IPlatformDriverFactory> factories = factories.ToDictionary(f => f.Driver);

    /// <summary>
    /// A platform an admin configured (Admin › Platforms) uses the driver it names. One never configured follows
    /// Portal:Provisioning:Drivers: simulated by default (the demo's platforms), its technology's driver when Real.
    /// </summary>
    public PlatformDriver? DriverOf(Platform platform) =>
        platform.Connection is null && options.Value.Drivers == DriverMode.Simulated ? PlatformDriver.Simulated : ConfiguredDriverOf(platform);

    public bool IsSimulated(Platform platform) => DriverOf(platform) == PlatformDriver.Simulated;

    public PlatformDrivers For(Platform platform) => DriverTracing.Traced(Factory(platform).For(platform), platform, DriverOf(platform));

    public IImageConverter ConverterFor(Platform platform) =>
        For(platform).Converter ?? throw new DriverException($"The {DisplayNames.Of(DriverOf(platform)!.Value)} driver of {platform.Name} converts no images.");

    /// <summary>
    /// Tests the driver the platform would use once configured, even while it still follows a simulating
    /// Portal:Provisioning:Drivers: an admin readies a real platform before saving it; the answer then says
    /// deployments to it are simulated until it is.
    /// </summary>
    public async Task<ConnectionTestResult> TestAsync(Platform platform, PlatformMembers members, CancellationToken cancellationToken)
    {
        var result = await Factory(platform, ConfiguredDriverOf(platform)).TestAsync(platform, members, cancellationToken);
        return DriverOf(platform) == PlatformDriver.Simulated && !result.Simulated
            ? result with { Simulated = true, Summary = $"{result.Summary} Deployments to it are simulated until its driver is saved: {ProvisioningOptions.Section}:Drivers is Simulated." }
            : result;
    }

    /// <summary>The platform's own driver: its settings', else its technology's; null for a technology the portal has no driver for.</summary>
    private static PlatformDriver? ConfiguredDriverOf(Platform platform)
    {
        ArgumentNullException.ThrowIfNull(platform);
        if (platform.Technology == PlatformTechnology.Simulated)
        {
            return PlatformDriver.Simulated;
        }

        return platform.Connection?.Driver ?? platform.Technology switch
        {
            PlatformTechnology.Kvm => PlatformDriver.Libvirt,
            PlatformTechnology.Pxe or PlatformTechnology.RedfishVirtualMedia => PlatformDriver.Redfish,
            _ => null,
        };
    }

    private IPlatformDriverFactory Factory(Platform platform) => Factory(platform, DriverOf(platform));

    private IPlatformDriverFactory Factory(Platform platform, PlatformDriver? configured)
    {
        if (configured is not { } driver)
        {
            throw new DriverException(
                $"No driver serves {platform.Name} ({DisplayNames.Of(platform.Technology)}): the portal has no {DisplayNames.Of(platform.Technology)} driver yet. "
                + $"Configure the platform as Simulated, or set {ProvisioningOptions.Section}:Drivers to Simulated.");
        }

        return factories.TryGetValue(driver, out var factory)
            ? factory
            : throw new DriverException(
                $"{platform.Name} is configured for the {DisplayNames.Of(driver)} driver, which this portal does not have registered.");
    }
}
