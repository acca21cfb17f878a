using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Portal.Domain.Inventory;
using Portal.Domain.Library;
using Portal.Provisioning.BareMetal;
using Portal.Provisioning.Drivers;
using Portal.Provisioning.Tests.Drivers;
using Portal.Provisioning.Tests.Redfish;

namespace Portal.Provisioning.Tests.BareMetal;

/// <summary>The bare-metal drivers against the in-test Redfish BMC: what a deployment's write and power steps ask of it.</summary>
public sealed class BareMetalDriversTests : IDisposable
{
    private readonly KeyRecords records = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => records.Dispose();

    /// <summary>Drivers of their own: tests that check sessions dispose them, as the host does at shutdown.</summary>
    private BareMetalDrivers Drivers(Uri? iso = null) =>
        new(Options.Create(new BareMetalOptions { ImageWriterIsoUrl = iso }), records.Keys, NullLoggerFactory.Instance);

    private static MachineRef Machine(FakeBmc bmc, PlatformTechnology technology = PlatformTechnology.Pxe) => new(
        PlatformKind.Physical, technology, "r640-01", null,
        new PhysicalServer
        {
            Id = Guid.NewGuid(), Name = "r640-01", PlatformId = Guid.NewGuid(),
            Facts = new ServerFacts
            {
                CpuCores = 16, Memory = new Quantity(128, ResourceUnit.GiB), Disks = [new Quantity(960, ResourceUnit.GiB)],
                Nics = [new NetworkPort("eno1", "b8:ca:3a:00:01:01")],
            },
            Bmc = new BmcEndpoint
            {
                Address = bmc.BaseUri, UserName = FakeBmc.UserName, Password = new SecretValue(FakeBmc.Password),
                CertificateSha256 = TestCertificates.Sha256Of(TestCertificates.SelfSigned),
            },
        });

    private static readonly ImageArtifact Artifact = new()
    {
        Id = Guid.NewGuid(), Format = DiskFormat.Raw, SizeBytes = 1024, Location = new Uri("https://images.lab/ubuntu.raw"),
        Provenance = new Provenance(CaptureSource.Physical, PlatformTechnology.Pxe, "golden", DateTimeOffset.UtcNow),
    };

    private static BootRequest Boot => new(Guid.NewGuid(), new Uri("http://portal.lab/api/boot/t/script"), new Uri("http://portal.lab/api/boot/t/callback"));

    [Fact]
    public async Task A_pxe_write_sets_a_one_time_network_boot_powers_the_server_on_and_waits_for_the_writer()
    {
        await using var bmc = await FakeBmc.StartAsync(TestCertificates.SelfSigned);

        var result = await Drivers().WriteAsync("k", Machine(bmc), Artifact, Boot, Token);

        Assert.True(result.AwaitingCallback);
        Assert.Equal(("Pxe", "Once", "On"), (bmc.BootSourceOverrideTarget, bmc.BootSourceOverrideEnabled, bmc.PowerState));
    }

    [Fact]
    public async Task A_write_re_delivered_on_another_node_answers_from_the_key_record_without_booting_the_server_again()
    {
        await using var bmc = await FakeBmc.StartAsync(TestCertificates.SelfSigned);
        var first = await Drivers().WriteAsync("k-again", Machine(bmc), Artifact, Boot, Token);
        var asked = bmc.Requests.Count;
        var otherNode = new BareMetalDrivers(Options.Create(new BareMetalOptions()),
            Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<DriverKeys>(records.Node("node-b")),
            NullLoggerFactory.Instance);

        var again = await otherNode.WriteAsync("k-again", Machine(bmc), Artifact, Boot, Token);

        Assert.Equal(first, again);
        Assert.Equal(asked, bmc.Requests.Count);
        var record = Assert.Single(await records.ListAsync(DriverNames.BareMetal, Token));
        Assert.Equal((DriverKeyState.Done, "node-a", "r640-01"), (record.State, record.Node, record.Machine));
    }

    [Fact]
    public async Task A_running_server_is_restarted_into_the_writer()
    {
        await using var bmc = await FakeBmc.StartAsync(TestCertificates.SelfSigned);
        bmc.PowerState = "On";

        await Drivers().WriteAsync("k", Machine(bmc), Artifact, Boot, Token);

        Assert.Contains(bmc.Requests, r => r.Method == "POST" && r.Body.Contains("\"ResetType\":\"ForceRestart\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_virtual_media_write_mounts_the_writer_iso_and_boots_it_once()
    {
        await using var bmc = await FakeBmc.StartAsync(TestCertificates.SelfSigned);
        var iso = new Uri("https://portal.lab/boot/writer.iso");

        await Drivers(iso).WriteAsync("k", Machine(bmc, PlatformTechnology.RedfishVirtualMedia), Artifact, Boot, Token);

        Assert.Equal((true, iso.ToString(), "Cd"), (bmc.CdInserted, bmc.CdImage, bmc.BootSourceOverrideTarget));
    }

    [Fact]
    public async Task Power_off_forces_the_server_off_and_a_bmc_refusal_is_a_driver_error_without_the_password()
    {
        await using var bmc = await FakeBmc.StartAsync(TestCertificates.SelfSigned);
        bmc.PowerState = "On";
        await Drivers().SetPowerAsync(Machine(bmc), PowerAction.Off, null, Token);
        var wrongPassword = Machine(bmc) with { Server = Machine(bmc).Server! with { Bmc = Machine(bmc).Server!.Bmc with { Password = new SecretValue("not-it-42") } } };

        var error = await Assert.ThrowsAsync<DriverException>(() => Drivers().SetPowerAsync(wrongPassword, PowerAction.On, null, Token));

        Assert.Equal("Off", bmc.PowerState);
        Assert.DoesNotContain("not-it-42", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_virtual_media_write_on_a_BMC_with_only_the_PATCH_form_tasks_and_paging_mounts_the_iso_and_boots_it_once()
    {
        await using var bmc = await FakeBmc.StartAsync(TestCertificates.SelfSigned, FakeBmcVariant.PatchTasksPaged);
        await using var drivers = Drivers(new Uri("https://portal.lab/boot/writer.iso"));

        await drivers.WriteAsync("k", Machine(bmc, PlatformTechnology.RedfishVirtualMedia), Artifact, Boot, Token);

        Assert.Equal((true, "https://portal.lab/boot/writer.iso", "Cd", "Once", "On"),
            (bmc.CdInserted, bmc.CdImage, bmc.BootSourceOverrideTarget, bmc.BootSourceOverrideEnabled, bmc.PowerState));
        Assert.DoesNotContain(bmc.Requests, r => r.Path.Contains("/Actions/VirtualMedia.", StringComparison.Ordinal));
        Assert.Contains(bmc.Requests, r => r is { Method: "PATCH", Path: FakeBmc.CdPath });
    }

    [Fact]
    public async Task Powering_on_a_server_that_is_on_sends_no_reset_to_a_BMC_that_would_refuse_it()
    {
        await using var bmc = await FakeBmc.StartAsync(TestCertificates.SelfSigned);
        bmc.PowerState = "On";
        await using var drivers = Drivers();

        await drivers.SetPowerAsync(Machine(bmc), PowerAction.On, null, Token);

        Assert.DoesNotContain(bmc.Requests, r => r.Method == "POST" && r.Path == bmc.ResetTarget);
        Assert.Equal("On", bmc.PowerState);
    }

    [Fact]
    public async Task Calls_to_one_BMC_share_a_session_that_is_logged_out_when_the_drivers_are_disposed()
    {
        await using var bmc = await FakeBmc.StartAsync(TestCertificates.SelfSigned);
        var drivers = Drivers();

        await drivers.SetPowerAsync(Machine(bmc), PowerAction.On, null, Token);
        await drivers.SetPowerAsync(Machine(bmc), PowerAction.Off, null, Token);
        await drivers.WriteAsync("k-session", Machine(bmc), Artifact, Boot, Token);
        var session = Assert.Single(bmc.ActiveSessions);
        await drivers.DisposeAsync();

        Assert.Equal(1, bmc.Logins);
        Assert.Equal([session], bmc.DeletedSessions);
        Assert.Equal("On", bmc.PowerState);
    }

    [Fact]
    public async Task A_task_the_BMC_ends_in_an_exception_is_a_driver_error()
    {
        await using var bmc = await FakeBmc.StartAsync(TestCertificates.SelfSigned, new FakeBmcVariant { TaskPolls = 1, TaskEnd = "Exception" });
        await using var drivers = Drivers();

        var error = await Assert.ThrowsAsync<DriverException>(() => drivers.SetPowerAsync(Machine(bmc), PowerAction.On, null, Token));

        Assert.Contains("task ended Exception", error.Message, StringComparison.Ordinal);
        Assert.Equal("Off", bmc.PowerState);
    }

    [Fact]
    public async Task A_server_stored_with_a_plain_http_BMC_address_fails_as_a_driver_error_before_anything_is_sent()
    {
        await using var bmc = await FakeBmc.StartAsync(TestCertificates.SelfSigned);
        await using var drivers = Drivers();
        var machine = Machine(bmc);
        var http = machine with { Server = machine.Server! with { Bmc = machine.Server.Bmc with { Address = new Uri("http://" + bmc.BaseUri.Authority) } } };

        var error = await Assert.ThrowsAsync<DriverException>(() => drivers.SetPowerAsync(http, PowerAction.On, null, Token));

        Assert.Contains("https://", error.Message, StringComparison.Ordinal);
        Assert.Empty(bmc.Requests);
    }
}
