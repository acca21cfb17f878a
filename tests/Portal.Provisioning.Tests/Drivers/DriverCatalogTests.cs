using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Portal.Domain.Library;
using Portal.Provisioning.BareMetal;
using Portal.Provisioning.Conversion;
using Portal.Provisioning.Drivers;
using Portal.Provisioning.Libvirt;
using Portal.Provisioning.Simulation;
using Portal.Provisioning.Tests.Conversion;
using Portal.Testing;

namespace Portal.Provisioning.Tests.Drivers;

public sealed class DriverCatalogTests : IDisposable
{
    private static readonly SimulatedDatacenter Simulation = new(
        Options.Create(new SimulationOptions { StepMilliseconds = 0 }), TimeProvider.System,
        new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(), NullLogger<SimulatedDatacenter>.Instance);

    private readonly KeyRecords records = new();
    private readonly TempDirectory folder = new();
    private readonly KvmDrivers kvm;
    private readonly BareMetalDrivers metal;
    private readonly IImageConverter converter;

    public DriverCatalogTests()
    {
        var qemu = QemuImgFixture.Create();
        kvm = new KvmDrivers(qemu, Options.Create(new KvmOptions { StorageFolder = folder.Path }), records.Keys, NullLogger<KvmDrivers>.Instance);
        metal = new BareMetalDrivers(Options.Create(new BareMetalOptions()), records.Keys, NullLoggerFactory.Instance);
        converter = new QemuImageConverter(qemu, folder.Path);
    }

    public void Dispose()
    {
        kvm.Dispose();
        records.Dispose();
        folder.Dispose();
    }

    [Theory]
    [InlineData(PlatformTechnology.Kvm)]
    [InlineData(PlatformTechnology.Pxe)]
    [InlineData(PlatformTechnology.VSphere)]
    [InlineData(PlatformTechnology.Simulated)]
    public void In_simulated_mode_every_platform_without_settings_is_simulated(PlatformTechnology technology) =>
        Assert.True(Catalog(DriverMode.Simulated).IsSimulated(Platform(technology)));

    [Fact]
    public void A_platform_an_admin_configured_for_libvirt_uses_libvirt_even_where_unconfigured_ones_are_simulated()
    {
        var catalog = Catalog(DriverMode.Simulated);

        Assert.False(catalog.IsSimulated(Libvirt()));
        Assert.IsType<KvmDrivers>(catalog.For(Libvirt()).Power);
        Assert.True(catalog.IsSimulated(Platform(PlatformTechnology.Kvm)));
    }

    [Theory]
    [InlineData(PlatformTechnology.Kvm, PlatformDriver.Libvirt)]
    [InlineData(PlatformTechnology.Pxe, PlatformDriver.Redfish)]
    [InlineData(PlatformTechnology.RedfishVirtualMedia, PlatformDriver.Redfish)]
    [InlineData(PlatformTechnology.Simulated, PlatformDriver.Simulated)]
    public void In_real_mode_a_platform_without_settings_gets_the_driver_of_its_technology(PlatformTechnology technology, PlatformDriver expected) =>
        Assert.Equal(expected, Catalog(DriverMode.Real).DriverOf(Platform(technology)));

    [Fact]
    public void A_platform_configured_for_libvirt_gets_the_kvm_drivers_and_qemu_img()
    {
        var drivers = Catalog(DriverMode.Real).For(Libvirt());

        Assert.Same(kvm, drivers.VirtualMachines);
        Assert.Same(kvm, drivers.Power);
        Assert.Same(converter, drivers.Converter);
    }

    [Fact]
    public void A_platform_configured_for_redfish_gets_the_bare_metal_drivers_and_no_vm_driver()
    {
        var pool = Platform(PlatformTechnology.Pxe, PlatformKind.Physical) with { Connection = new PlatformConnection { Driver = PlatformDriver.Redfish } };

        var drivers = Catalog(DriverMode.Real).For(pool);

        Assert.Null(drivers.VirtualMachines);
        Assert.Same(metal, drivers.Writer);
        Assert.Same(metal, drivers.Power);
    }

    [Fact]
    public void A_kvm_platform_configured_as_simulated_stays_simulated_with_real_drivers()
    {
        var catalog = Catalog(DriverMode.Real);
        var platform = Platform(PlatformTechnology.Kvm) with { Connection = PlatformConnection.Simulated };

        Assert.True(catalog.IsSimulated(platform));
        Assert.Same(Simulation, catalog.For(platform).Power);
        Assert.Same(Simulation, catalog.ConverterFor(platform));
    }

    [Fact]
    public void In_real_mode_a_technology_without_a_driver_is_refused_by_its_name()
    {
        var refusal = Assert.Throws<DriverException>(() => Catalog(DriverMode.Real).For(Platform(PlatformTechnology.VSphere)));

        Assert.Contains("the portal has no vSphere driver yet", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_driver_that_is_not_registered_is_refused_by_its_name()
    {
        var onlySimulation = new DriverCatalog(Options.Create(new ProvisioningOptions { Drivers = DriverMode.Real }), [new SimulatedDriverFactory(Simulation)]);

        var refusal = Assert.Throws<DriverException>(() => onlySimulation.For(Libvirt()));

        Assert.Equal("KVM cluster is configured for the libvirt driver, which this portal does not have registered.", refusal.Message);
    }

    [Fact]
    public async Task Test_connection_reaches_the_configured_driver_and_says_it_deploys_for_real()
    {
        var result = await Catalog(DriverMode.Simulated).TestAsync(Libvirt(), PlatformMembers.None, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.Summary);
        Assert.Contains("TEST", result.Details.Single(), StringComparison.Ordinal);
        Assert.False(result.Simulated);
    }

    private DriverCatalog Catalog(DriverMode mode) => new(
        Options.Create(new ProvisioningOptions { Drivers = mode }),
        [new SimulatedDriverFactory(Simulation), new LibvirtDriverFactory(kvm, converter), new RedfishDriverFactory(metal, converter, NullLoggerFactory.Instance)]);

    private static Platform Libvirt() =>
        Platform(PlatformTechnology.Kvm) with { Connection = new PlatformConnection { Driver = PlatformDriver.Libvirt, Uri = "test:///default" } };

    private static Platform Platform(PlatformTechnology technology, PlatformKind kind = PlatformKind.Virtual) => new()
    {
        Id = Guid.NewGuid(),
        Name = "KVM cluster",
        Kind = kind,
        Technology = technology,
        Capabilities = new PlatformCapabilities { DiskFormats = [DiskFormat.Qcow2, DiskFormat.Raw] },
    };
}
