using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Services;
using Portal.Domain.Library;
using Portal.Provisioning;
using Portal.Provisioning.Drivers;
using Portal.Provisioning.Simulation;
using Portal.Web.Shell;

namespace Portal.Web.Tests.Shell;

public sealed class SimulatedBadgeTests : BunitContext
{
    /// <summary>The mode the catalog reads on every call: Simulated, as the portal runs by default.</summary>
    private readonly ProvisioningOptions drivers = new();

    public SimulatedBadgeTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        var simulation = new SimulatedDatacenter(Options.Create(new SimulationOptions()), TimeProvider.System,
            new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(), NullLogger<SimulatedDatacenter>.Instance);
        Services.AddSingleton<IDriverCatalog>(new DriverCatalog(Options.Create(drivers), [new SimulatedDriverFactory(simulation)]));
    }

    [Fact]
    public void A_platform_the_simulation_plays_is_marked_simulated_and_says_what_that_means()
    {
        var badge = RenderBadge(Platform(PlatformTechnology.Kvm));

        var chip = badge.Find("[data-testid=simulated-badge]");
        Assert.Equal("Simulated", chip.TextContent.Trim());
        Assert.Equal(SimulatedBadge.Explanation, chip.GetAttribute("aria-description"));
    }

    [Fact]
    public void A_platform_real_drivers_serve_is_not_marked()
    {
        drivers.Drivers = DriverMode.Real;

        var badge = RenderBadge(Platform(PlatformTechnology.Kvm));

        Assert.Empty(badge.FindAll("[data-testid=simulated-badge]"));
    }

    [Fact]
    public void A_simulated_platform_is_marked_even_when_real_drivers_serve_the_others()
    {
        drivers.Drivers = DriverMode.Real;

        var badge = RenderBadge(Platform(PlatformTechnology.Simulated));

        Assert.NotEmpty(badge.FindAll("[data-testid=simulated-badge]"));
    }

    [Fact]
    public void Nothing_is_marked_while_no_platform_is_known()
    {
        var badge = RenderBadge(null);

        Assert.Empty(badge.FindAll("[data-testid=simulated-badge]"));
    }

    [Fact]
    public void A_platform_configured_for_the_simulated_driver_is_marked_even_with_real_drivers()
    {
        drivers.Drivers = DriverMode.Real;

        var badge = RenderBadge(Platform(PlatformTechnology.Kvm) with { Connection = PlatformConnection.Simulated });

        Assert.NotEmpty(badge.FindAll("[data-testid=simulated-badge]"));
    }

    [Fact]
    public void A_platform_an_admin_configured_for_libvirt_is_not_marked_even_where_unconfigured_ones_are_simulated()
    {
        // The same KVM platform unconfigured is marked: A_platform_the_simulation_plays_is_marked_simulated_and_says_what_that_means.
        var configured = RenderBadge(Platform(PlatformTechnology.Kvm) with { Connection = new PlatformConnection { Driver = PlatformDriver.Libvirt, Uri = "test:///default" } });

        Assert.Empty(configured.FindAll("[data-testid=simulated-badge]"));
    }

    private static Platform Platform(PlatformTechnology technology) => new()
    {
        Id = Guid.NewGuid(),
        Name = "Cluster",
        Kind = PlatformKind.Virtual,
        Technology = technology,
        Capabilities = new PlatformCapabilities { DiskFormats = [DiskFormat.Qcow2], Firmware = [FirmwareType.Uefi], Architectures = [CpuArchitecture.X86_64] },
    };

    private IRenderedComponent<SimulatedBadge> RenderBadge(Platform? platform)
    {
        Render<MudPopoverProvider>();
        return Render<SimulatedBadge>(p => p.Add(b => b.Platform, platform));
    }
}
