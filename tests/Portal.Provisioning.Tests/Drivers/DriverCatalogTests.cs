using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Portal.Domain.Library;
using Portal.Provisioning.Drivers;
using Portal.Provisioning.Simulation;

namespace Portal.Provisioning.Tests.Drivers;

public sealed class DriverCatalogTests
{
    private static readonly SimulatedDatacenter Simulation = new(
        Options.Create(new SimulationOptions { StepMilliseconds = 0 }), TimeProvider.System,
        new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(), NullLogger<SimulatedDatacenter>.Instance);

    /// <summary>Real mode with no real driver registered: enough to see which technologies the simulation keeps.</summary>
    private static DriverCatalog Catalog(DriverMode mode) =>
        new(Options.Create(new ProvisioningOptions { Drivers = mode }), Simulation, []);

    [Theory]
    [InlineData(PlatformTechnology.Kvm)]
    [InlineData(PlatformTechnology.Pxe)]
    [InlineData(PlatformTechnology.VSphere)]
    [InlineData(PlatformTechnology.Simulated)]
    public void In_simulated_mode_every_technology_is_simulated(PlatformTechnology technology) =>
        Assert.True(Catalog(DriverMode.Simulated).IsSimulated(technology));

    [Theory]
    [InlineData(PlatformTechnology.Kvm)]
    [InlineData(PlatformTechnology.Pxe)]
    [InlineData(PlatformTechnology.RedfishVirtualMedia)]
    [InlineData(PlatformTechnology.VSphere)]
    public void In_real_mode_a_real_technology_is_not_simulated(PlatformTechnology technology) =>
        Assert.False(Catalog(DriverMode.Real).IsSimulated(technology));

    [Fact]
    public void A_simulated_platform_stays_simulated_in_real_mode()
    {
        var catalog = Catalog(DriverMode.Real);

        Assert.True(catalog.IsSimulated(PlatformTechnology.Simulated));
        Assert.Same(Simulation, catalog.For(PlatformTechnology.Simulated).Power);
    }

    [Fact]
    public void In_real_mode_a_technology_without_a_driver_is_refused_by_its_name()
    {
        var refusal = Assert.Throws<DriverException>(() => Catalog(DriverMode.Real).For(PlatformTechnology.VSphere));

        Assert.StartsWith("No real driver serves vSphere platforms.", refusal.Message, StringComparison.Ordinal);
    }
}
