using Portal.Domain.Inventory;
using Portal.Domain.Library;
using Portal.Provisioning.Deployments;
using Portal.Provisioning.Drivers;
using Portal.Provisioning.Simulation;

namespace Portal.Data.Tests.Simulation;

/// <summary>
/// The simulated datacenter over a real database, as one datacenter seen from several nodes: what one node creates
/// another writes and powers, a restart forgets nothing, a key is acted on once however many nodes race on it, and
/// the operation log — not the workflow journal — says what happened.
/// </summary>
public sealed class SimulatedDatacenterTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static readonly HardwareConfiguration Hardware = new(
        [new ConcreteResource(ResourceType.Processor, new Quantity(2, ResourceUnit.Count)), new ConcreteResource(ResourceType.Disk, new Quantity(40, ResourceUnit.GiB))],
        CpuArchitecture.X86_64, FirmwareType.Bios);

    private static readonly HypervisorHost Host = new()
    {
        Id = Guid.NewGuid(), Name = "sim-host-01", PlatformId = Guid.NewGuid(), Hypervisor = PlatformTechnology.Simulated,
        Connection = "simulated://host-01", Capacity = new HostCapacity(16, 4, 131072, 2000),
    };

    private static readonly ImageArtifact Artifact = new()
    {
        Id = Guid.NewGuid(), Format = DiskFormat.Qcow2, SizeBytes = 1024, Location = new Uri("sim://library/ubuntu.qcow2"), Sha256 = new string('a', 64),
        Provenance = new Provenance(CaptureSource.Virtual, PlatformTechnology.Kvm, "golden", DateTimeOffset.UtcNow),
    };

    private static MachineRef Vm(string name) => new(PlatformKind.Virtual, PlatformTechnology.Simulated, name, Host, null, Hardware);

    private static MachineRef Metal(string name) => new(PlatformKind.Physical, PlatformTechnology.Simulated, name, null, null, Hardware);

    private static BootRequest Boot(Guid deployment) => new(deployment, new Uri("http://portal.lab/api/boot/t/script"), new Uri("http://portal.lab/api/boot/t/callback"));

    [Fact]
    public async Task A_re_delivered_create_returns_the_first_vm_instead_of_making_a_second()
    {
        await using var database = await TestDatabase.CreateAsync("Sqlite", Token);
        using var node = new SimulationNode(database, "node-a");

        var first = await node.Datacenter.CreateAsync("instance-1:createVm:3", Vm("web01"), Hardware, DiskFormat.Qcow2, Token);
        var again = await node.Datacenter.CreateAsync("instance-1:createVm:3", Vm("web01"), Hardware, DiskFormat.Qcow2, Token);

        Assert.Equal(first, again);
        var log = await node.Datacenter.OperationsAsync(Token);
        Assert.Single(log, o => o is { Step: SimulatedStep.CreateVirtualMachine, Acted: true });
        Assert.Single(log, o => o is { Step: SimulatedStep.CreateVirtualMachine, Redelivered: true });
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSql")]
    public async Task Two_nodes_racing_on_one_key_act_once_and_both_return_the_first_result(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        // A step time makes the two nodes overlap: both pass the "done already?" look before either commits.
        var options = new SimulationOptions { StepMilliseconds = 300 };
        using var a = new SimulationNode(database, "node-a", options);
        using var b = new SimulationNode(database, "node-b", options);

        var results = await Task.WhenAll(
            Task.Run(() => a.Datacenter.CreateAsync("race:createVm:1", Vm("race-01"), Hardware, DiskFormat.Qcow2, Token), Token),
            Task.Run(() => b.Datacenter.CreateAsync("race:createVm:1", Vm("race-01"), Hardware, DiskFormat.Qcow2, Token), Token));

        Assert.Equal(results[0], results[1]);
        var log = (await a.Datacenter.OperationsAsync(Token)).Where(o => o.Key == "race:createVm:1").ToList();
        var acted = Assert.Single(log, o => o.Acted);
        var redelivered = Assert.Single(log, o => o.Redelivered);
        Assert.NotEqual(acted.Node, redelivered.Node);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSql")]
    public async Task A_vm_created_through_one_node_is_written_configured_and_powered_on_through_another(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        using var a = new SimulationNode(database, "node-a");
        using var b = new SimulationNode(database, "node-b");

        var disk = await a.Datacenter.CreateAsync("d1:createVm:1", Vm("shared-01"), Hardware, DiskFormat.Qcow2, Token);
        var written = await b.Datacenter.WriteAsync("d1:deployVirtual:1", Vm("shared-01") with { DiskLocation = disk }, Artifact, null, Token);
        await b.Datacenter.ConfigureAsync("d1:configure:1", Vm("shared-01"), new SoftwareConfiguration(OsFamily.Linux, "Ubuntu 24.04",
            [new ParameterSetting("hostname", ParameterType.Hostname, "shared-01", null)]), Token);
        await b.Datacenter.SetPowerAsync(Vm("shared-01"), PowerAction.On, "d1:powerOn:1", Token);

        Assert.Equal(disk, written.DiskLocation);
        var machine = await a.Datacenter.MachineAsync("shared-01", Token);
        Assert.NotNull(machine);
        Assert.Equal((Artifact.Id, true, true), (machine.WrittenArtifact, machine.Configured, machine.PoweredOn));
        var log = await a.Datacenter.OperationsAsync(Token);
        Assert.Equal(["node-a", "node-b", "node-b", "node-b"], log.Where(o => o.Acted).Select(o => o.Node));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSql")]
    public async Task A_restarted_node_keeps_its_machines_and_answers_a_re_delivery_from_the_record(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        string disk;
        using (var before = new SimulationNode(database, "node-a"))
        {
            disk = await before.Datacenter.CreateAsync("r:createVm:1", Vm("kept-01"), Hardware, DiskFormat.Raw, Token);
        }

        using var after = new SimulationNode(database, "node-a-restarted");
        var again = await after.Datacenter.CreateAsync("r:createVm:1", Vm("kept-01"), Hardware, DiskFormat.Raw, Token);

        Assert.Equal(disk, again);
        var machine = await after.Datacenter.MachineAsync("kept-01", Token);
        Assert.Equal((Hardware, DiskFormat.Raw, "sim-host-01"), (machine?.Hardware, machine?.DiskFormat, machine?.Host));
        Assert.Single(await after.Datacenter.OperationsAsync(Token), o => o is { Step: SimulatedStep.CreateVirtualMachine, Acted: true });
    }

    [Fact]
    public async Task A_write_to_a_vm_that_was_never_created_fails_on_every_node()
    {
        await using var database = await TestDatabase.CreateAsync("Sqlite", Token);
        using var node = new SimulationNode(database, "node-a");

        var error = await Assert.ThrowsAsync<DriverException>(() =>
            node.Datacenter.WriteAsync("x:deployVirtual:1", Vm("never-01") with { DiskLocation = "sim://x" }, Artifact, null, Token));

        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
        Assert.Single(await node.Datacenter.OperationsAsync(Token), o => o is { Step: SimulatedStep.WriteImage, Succeeded: false });
    }

    [Fact]
    public async Task Configured_failures_fail_that_many_calls_then_the_step_succeeds()
    {
        await using var database = await TestDatabase.CreateAsync("Sqlite", Token);
        using var node = new SimulationNode(database, "node-a",
            new SimulationOptions { StepMilliseconds = 0, FailSteps = new(StringComparer.OrdinalIgnoreCase) { ["CreateVirtualMachine"] = 2 } });

        await Assert.ThrowsAsync<DriverException>(() => node.Datacenter.CreateAsync("k1", Vm("a"), Hardware, DiskFormat.Qcow2, Token));
        await Assert.ThrowsAsync<DriverException>(() => node.Datacenter.CreateAsync("k1", Vm("a"), Hardware, DiskFormat.Qcow2, Token));
        var disk = await node.Datacenter.CreateAsync("k1", Vm("a"), Hardware, DiskFormat.Qcow2, Token);

        Assert.EndsWith("disk0.qcow2", disk, StringComparison.Ordinal);
        Assert.Equal([false, false, true], (await node.Datacenter.OperationsAsync(Token)).Select(o => o.Succeeded));
    }

    [Fact]
    public async Task Faults_are_injected_per_node()
    {
        await using var database = await TestDatabase.CreateAsync("Sqlite", Token);
        using var a = new SimulationNode(database, "node-a");
        using var b = new SimulationNode(database, "node-b");
        a.Datacenter.FailNext(SimulatedStep.CreateVirtualMachine, 1);

        await b.Datacenter.CreateAsync("f:createVm:1", Vm("f-01"), Hardware, DiskFormat.Qcow2, Token);
        await Assert.ThrowsAsync<DriverException>(() => a.Datacenter.CreateAsync("f:createVm:2", Vm("f-02"), Hardware, DiskFormat.Qcow2, Token));
    }

    [Fact]
    public async Task A_broken_machine_fails_every_step()
    {
        await using var database = await TestDatabase.CreateAsync("Sqlite", Token);
        using var node = new SimulationNode(database, "node-a", new SimulationOptions { StepMilliseconds = 0, BrokenMachines = ["sim-bm-03"] });

        var error = await Assert.ThrowsAsync<DriverException>(() => node.Datacenter.SetPowerAsync(Vm("sim-bm-03"), PowerAction.On, null, Token));

        Assert.Contains("does not respond", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_physical_capture_reads_the_whole_server_not_what_was_deployed_on_it()
    {
        await using var database = await TestDatabase.CreateAsync("Sqlite", Token);
        using var node = new SimulationNode(database, "node-a");
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

        var captured = await node.Datacenter.CaptureAsync("capture-1", machine, Token);
        var again = await node.Datacenter.CaptureAsync("capture-1", machine, Token);

        Assert.Equal(server.Facts.AsHardware(FirmwareType.Uefi), captured.Hardware);
        Assert.Equal(DiskFormat.Raw, captured.Format);
        Assert.Equal(captured, again);
    }

    [Fact]
    public async Task A_converted_artifact_is_returned_again_for_its_key_and_kept_by_the_datacenter()
    {
        await using var database = await TestDatabase.CreateAsync("Sqlite", Token);
        using var a = new SimulationNode(database, "node-a");
        using var b = new SimulationNode(database, "node-b");
        var image = Guid.NewGuid();

        var converted = await a.Datacenter.ConvertAsync("c:convert:1", image, Artifact, DiskFormat.Vmdk, null, Token);
        var again = await b.Datacenter.ConvertAsync("c:convert:1", image, Artifact, DiskFormat.Vmdk, null, Token);

        Assert.Equal(converted, again);
        Assert.Equal((DiskFormat.Vmdk, Artifact.Id), (converted.Format, converted.ConvertedFrom));
        var context = database.NewContext();
        Assert.Single(context.Set<Portal.Data.Simulation.SimulatedArtifactRecord>(), r => r.Id == converted.Id && r.ImageId == image);
    }

    [Fact]
    public async Task An_image_writer_booted_by_a_node_that_died_is_played_by_another_node_and_calls_back_once()
    {
        await using var database = await TestDatabase.CreateAsync("Sqlite", Token);
        var deployment = Guid.NewGuid();
        var sink = new ScriptedSink();
        using (var dying = new SimulationNode(database, "node-a"))
        {
            var result = await dying.Datacenter.WriteAsync("m:deployPhysical:1", Metal("sim-bm-01"), Artifact, Boot(deployment), Token);
            Assert.True(result.AwaitingCallback);
        }

        using var survivor = new SimulationNode(database, "node-b", sink: sink);
        await RunWritersUntilAsync(survivor, deployment, SimulatedWriterState.Delivered);

        var call = Assert.Single(sink.Calls);
        Assert.True(call.Callback.Succeeded);
        var machine = await survivor.Datacenter.MachineAsync("sim-bm-01", Token);
        Assert.Equal(Artifact.Id, machine?.WrittenArtifact);
        var log = await survivor.Datacenter.OperationsAsync(Token);
        Assert.Equal(["node-a", "node-b", "node-b"],
            log.Where(o => o.Step is SimulatedStep.WriteImage or SimulatedStep.ImageWriter or SimulatedStep.ImageWriterCallback).Select(o => o.Node));
    }

    [Fact]
    public async Task A_callback_the_portal_could_not_take_is_retried_with_backoff_until_it_is_taken()
    {
        await using var database = await TestDatabase.CreateAsync("Sqlite", Token);
        var deployment = Guid.NewGuid();
        // Unreachable twice (the database was down), then "not waiting yet", then taken.
        var sink = new ScriptedSink(null, null, CallbackReceiptKind.NotWaitingYet);
        using var node = new SimulationNode(database, "node-a", new SimulationOptions { StepMilliseconds = 20, WriterRetryMaxMilliseconds = 200 }, sink);

        await node.Datacenter.WriteAsync("b:deployPhysical:1", Metal("sim-bm-02"), Artifact, Boot(deployment), Token);
        await RunWritersUntilAsync(node, deployment, SimulatedWriterState.Delivered);

        Assert.Equal(4, sink.Calls.Count);
        var log = await node.Datacenter.OperationsAsync(Token);
        // The waits it chose: from one step's time (50 ms at least), doubling, capped.
        Assert.Equal(["calling again in 0.05 s", "calling again in 0.1 s", "calling again in 0.2 s"],
            log.Where(o => o is { Step: SimulatedStep.ImageWriterCallback, Succeeded: false }).Select(o => o.Detail[(o.Detail.IndexOf("calling", StringComparison.Ordinal))..]));
        Assert.Single(log, o => o is { Step: SimulatedStep.ImageWriterCallback, Succeeded: true });
        Assert.Single(log, o => o is { Step: SimulatedStep.ImageWriter, Acted: true });
    }

    [Fact]
    public async Task A_writer_injected_never_to_call_back_is_given_up_without_calling()
    {
        await using var database = await TestDatabase.CreateAsync("Sqlite", Token);
        var deployment = Guid.NewGuid();
        var sink = new ScriptedSink();
        using var node = new SimulationNode(database, "node-a", sink: sink);
        node.Datacenter.FailNext(SimulatedStep.ImageWriterCallback, 1);

        await node.Datacenter.WriteAsync("n:deployPhysical:1", Metal("sim-bm-03"), Artifact, Boot(deployment), Token);
        await RunWritersUntilAsync(node, deployment, SimulatedWriterState.Abandoned);

        Assert.Empty(sink.Calls);
    }

    /// <summary>Plays the node's writers until the deployment's writer reaches the state (as the portal's background loop does).</summary>
    private static async Task RunWritersUntilAsync(SimulationNode node, Guid deployment, SimulatedWriterState state)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            await node.Datacenter.RunImageWritersAsync(Token);
            if ((await node.WritersAsync(deployment, Token)).SingleOrDefault()?.State == state)
            {
                return;
            }

            await Task.Delay(10, Token);
        }

        throw new Xunit.Sdk.XunitException($"The writer of {deployment} never became {state}: {string.Join(", ", await node.WritersAsync(deployment, Token))}");
    }
}
