using Microsoft.Extensions.Options;
using Portal.Domain.Library;
using Portal.Provisioning.Simulation;

namespace Portal.Provisioning.Drivers;

/// <summary>
/// Which drivers serve each platform technology. Simulated mode: the simulated datacenter plays every platform.
/// Real mode: the drivers registered for a technology (libvirt for KVM; Redfish + iPXE for bare metal), the
/// simulated datacenter for platforms whose technology is Simulated, and a clear refusal for technologies the
/// portal has no driver for yet.
/// </summary>
public sealed class DriverCatalog(
    IOptions<ProvisioningOptions> options, SimulatedDatacenter simulation, IEnumerable<RealPlatformDrivers> real, IImageConverter? realConverter = null)
    : IDriverCatalog
{
    private readonly PlatformDrivers simulated = new(simulation, simulation, simulation, simulation, simulation, simulation);

    public IImageConverter Converter => options.Value.Drivers == DriverMode.Simulated
        ? simulation
        : realConverter ?? throw new DriverException("No image converter is configured for real drivers.");

    public bool IsSimulated(PlatformTechnology technology) =>
        technology == PlatformTechnology.Simulated || options.Value.Drivers == DriverMode.Simulated;

    public PlatformDrivers For(PlatformTechnology technology)
    {
        // The same answer as IsSimulated, so what the pages say is what deploys.
        if (IsSimulated(technology))
        {
            return simulated;
        }

        return real.FirstOrDefault(r => r.Technologies.Contains(technology))?.Drivers
            ?? throw new DriverException(
                $"No real driver serves {DisplayNames.Of(technology)} platforms. Set {ProvisioningOptions.Section}:Drivers to Simulated, or deploy to a KVM (libvirt) or PXE/Redfish platform.");
    }
}
