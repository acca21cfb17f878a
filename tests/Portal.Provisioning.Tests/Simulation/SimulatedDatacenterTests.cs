using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Portal.Domain.Inventory;
using Portal.Domain.Library;
using Portal.Provisioning.Drivers;
using Portal.Provisioning.Simulation;

namespace Portal.Provisioning.Tests.Simulation;

public sealed class SimulatedDatacenterTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static SimulatedDatacenter Datacenter(SimulationOptions? options = null) => new(
        Options.Create(options ?? new SimulationOptions { StepMilliseconds = 0 }), TimeProvider.System,
        new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(), NullLogger<SimulatedDatacenter>.Instance);

    private static readonly HardwareConfiguration Hardware = new(
        [new ConcreteResource(ResourceType.Processor, new Quantity(2, ResourceUnit.Count)), new ConcreteResource(ResourceType.Disk, new Quantity(40, ResourceUnit.GiB))],
        CpuArchitecture.X86_64, FirmwareType.Bios);

    private static MachineRef Vm(string name) => new(PlatformKind.Virtual, PlatformTechnology.Simulated, name, null, null, Hardware);

    [Fact]
    public async Task A_re_delivered_create_returns_the_first_vm_instead_of_making_a_second()
    {
        var datacenter = Datacenter();

        var first = await datacenter.CreateAsync("instance-1:createVm:3", Vm("web01"), Hardware, DiskFormat.Qcow2, Token);
        var again = await datacenter.CreateAsync("instance-1:createVm:3", Vm("web01"), Hardware, DiskFormat.Qcow2, Token);

        Assert.Equal(first, again);
        Assert.Single(datacenter.Operations, o => o is { Step: SimulatedStep.CreateVirtualMachine, Succeeded: true } && !o.Detail.StartsWith("re-delivered", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Configured_failures_fail_that_many_calls_then_the_step_succeeds()
    {
        var datacenter = Datacenter(new SimulationOptions { StepMilliseconds = 0, FailSteps = new(StringComparer.OrdinalIgnoreCase) { ["CreateVirtualMachine"] = 2 } });

        await Assert.ThrowsAsync<DriverException>(() => datacenter.CreateAsync("k1", Vm("a"), Hardware, DiskFormat.Qcow2, Token));
        await Assert.ThrowsAsync<DriverException>(() => datacenter.CreateAsync("k1", Vm("a"), Hardware, DiskFormat.Qcow2, Token));
        var disk = await datacenter.CreateAsync("k1", Vm("a"), Hardware, DiskFormat.Qcow2, Token);

        Assert.EndsWith("disk0.qcow2", disk, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_machine_fails_every_step()
    {
        var datacenter = Datacenter(new SimulationOptions { StepMilliseconds = 0, BrokenMachines = ["sim-bm-03"] });

        var error = await Assert.ThrowsAsync<DriverException>(() => datacenter.SetPowerAsync(Vm("sim-bm-03"), PowerAction.On, Token));

        Assert.Contains("does not respond", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_physical_capture_reads_the_whole_server_not_what_was_deployed_on_it()
    {
        var server = new PhysicalServer
        {
            Id = Guid.NewGuid(), Name = "r750-01", PlatformId = Guid.NewGuid(),
            Facts = new ServerFacts
            {
                CpuCores = 32, Memory = new Quantity(256, ResourceUnit.GiB), Disks = [new Quantity(1920, ResourceUnit.GiB)],
                Nics = [new NetworkPort("eno1", "b8:ca:3a:00:04:01"), new NetworkPort("eno2", "b8:ca:3a:00:04:02")],
            },
            Bmc = new BmcEndpoint { Address = new Uri("https://r750-01-idrac"), UserName = "portal", Password = new SecretValue("x") },
        };
        var machine = new MachineRef(PlatformKind.Physical, PlatformTechnology.Pxe, "r750-01", null, server, Hardware with { Firmware = FirmwareType.Uefi });

        var captured = await Datacenter().CaptureAsync("capture-1", machine, Token);

        Assert.Equal(server.Facts.AsHardware(FirmwareType.Uefi), captured.Hardware);
        Assert.Equal(DiskFormat.Raw, captured.Format);
    }

    [Fact]
    public void An_order_prints_its_parameter_names_never_their_values()
    {
        var order = new Portal.Provisioning.Deployments.DeploymentOrder
        {
            ImageId = Guid.NewGuid(), RequestedBy = "admin@portal.local",
            Parameters = new Dictionary<string, string?> { ["hostname"] = "web01", ["adminPassword"] = "Correct-Horse-42" },
        };

        Assert.Contains("adminPassword", order.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Correct-Horse-42", order.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Correct-Horse-42", new DeploymentRequest { Parameters = order.Parameters }.ToString(), StringComparison.Ordinal);
    }
}
