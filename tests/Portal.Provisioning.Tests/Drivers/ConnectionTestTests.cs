using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Portal.Domain.Inventory;
using Portal.Domain.Library;
using Portal.Provisioning.BareMetal;
using Portal.Provisioning.Conversion;
using Portal.Provisioning.Drivers;
using Portal.Provisioning.Libvirt;
using Portal.Provisioning.Simulation;
using Portal.Provisioning.Tests.Conversion;
using Portal.Provisioning.Tests.Redfish;
using Portal.Testing;

namespace Portal.Provisioning.Tests.Drivers;

/// <summary>Test connection of each driver against real counterparts: libvirt's test:///default and a Redfish service over HTTPS.</summary>
public sealed class ConnectionTestTests : IDisposable
{
    private readonly KeyRecords records = new();
    private readonly TempDirectory folder = new();
    private readonly KvmDrivers kvm;
    private readonly LibvirtDriverFactory libvirt;
    private readonly RedfishDriverFactory redfish;

    public ConnectionTestTests()
    {
        var qemu = QemuImgFixture.Create();
        var converter = new QemuImageConverter(qemu, folder.Path);
        kvm = new KvmDrivers(qemu, Options.Create(new KvmOptions { StorageFolder = folder.Path }), records.Keys, NullLogger<KvmDrivers>.Instance);
        libvirt = new LibvirtDriverFactory(kvm, converter);
        redfish = new RedfishDriverFactory(
            new BareMetalDrivers(Options.Create(new BareMetalOptions()), records.Keys, NullLoggerFactory.Instance), converter, NullLoggerFactory.Instance);
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        kvm.Dispose();
        records.Dispose();
        folder.Dispose();
    }

    [Fact]
    public async Task Libvirt_reports_the_hypervisor_and_host_behind_the_platform_uri()
    {
        var result = await libvirt.TestAsync(Kvm("test:///default"), PlatformMembers.None, Token);

        Assert.True(result.Succeeded, string.Join(" | ", result.Details));
        var detail = Assert.Single(result.Details);
        Assert.StartsWith("test:///default: TEST ", detail, StringComparison.Ordinal);
        Assert.Matches(@"libvirt \d+\.\d+\.\d+; \d+ CPU", detail);
    }

    [Fact]
    public async Task Libvirt_reports_the_error_of_a_uri_nothing_answers()
    {
        // Port 1 on the loopback: nothing listens, so libvirt's remote driver fails to connect at once.
        var result = await libvirt.TestAsync(Kvm("qemu+tcp://127.0.0.1:1/system"), PlatformMembers.None, Token);

        Assert.False(result.Succeeded);
        Assert.Contains("libvirt could not connect to qemu+tcp://127.0.0.1:1/system", Assert.Single(result.Details), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Libvirt_without_a_platform_uri_tests_each_host_connection()
    {
        var platform = Kvm("test:///default") with { Connection = null };
        var members = new PlatformMembers([Host("kvm-a", "test:///default"), Host("kvm-b", "qemu+tcp://127.0.0.1:1/system")], []);

        var result = await libvirt.TestAsync(platform, members, Token);

        Assert.False(result.Succeeded);
        Assert.Equal(2, result.Details.Count);
        Assert.Equal("libvirt did not answer at 1 of 2 URI(s).", result.Summary);
    }

    [Fact]
    public async Task Redfish_logs_in_to_each_server_bmc_of_the_pool_and_reads_its_system()
    {
        await using var bmc = await FakeBmc.StartAsync(TestCertificates.SelfSigned);
        bmc.PowerState = "On";

        var result = await redfish.TestAsync(Pool(), new PlatformMembers([], [Server("r640-01", bmc, FakeBmc.Password)]), Token);

        Assert.True(result.Succeeded, string.Join(" | ", result.Details));
        Assert.Equal($"r640-01 ({bmc.BaseUri.Authority}): system {bmc.SystemId}, power On", Assert.Single(result.Details));
    }

    [Fact]
    public async Task Redfish_reports_a_bmc_that_refuses_the_login_without_revealing_the_password()
    {
        await using var bmc = await FakeBmc.StartAsync(TestCertificates.SelfSigned);
        const string Wrong = "not-the-password-42";

        var result = await redfish.TestAsync(Pool(), new PlatformMembers([], [Server("r640-02", bmc, Wrong)]), Token);

        Assert.False(result.Succeeded);
        Assert.Equal("1 of 1 BMC(s) did not answer.", result.Summary);
        Assert.DoesNotContain(Wrong, string.Join(" ", result.Details), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redfish_with_nothing_to_reach_says_what_to_register()
    {
        var result = await redfish.TestAsync(Pool(), PlatformMembers.None, Token);

        Assert.False(result.Succeeded);
        Assert.Contains("register a server with its BMC first", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_simulated_driver_says_nothing_real_is_contacted()
    {
        var simulation = new SimulatedDatacenter(Options.Create(new SimulationOptions()), TimeProvider.System,
            new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(), NullLogger<SimulatedDatacenter>.Instance);

        var result = await new SimulatedDriverFactory(simulation).TestAsync(Kvm("test:///default"), PlatformMembers.None, Token);

        Assert.True(result.Simulated);
        Assert.Contains("is simulated", result.Summary, StringComparison.Ordinal);
    }

    private static Platform Kvm(string uri) => new()
    {
        Id = Guid.NewGuid(), Name = "KVM lab", Kind = PlatformKind.Virtual, Technology = PlatformTechnology.Kvm,
        Capabilities = new PlatformCapabilities { DiskFormats = [DiskFormat.Qcow2] },
        Connection = new PlatformConnection { Driver = PlatformDriver.Libvirt, Uri = uri },
    };

    private static Platform Pool() => new()
    {
        Id = Guid.NewGuid(), Name = "Rack A", Kind = PlatformKind.Physical, Technology = PlatformTechnology.Pxe,
        Capabilities = new PlatformCapabilities { DiskFormats = [DiskFormat.Raw] },
        Connection = new PlatformConnection { Driver = PlatformDriver.Redfish },
    };

    private static HypervisorHost Host(string name, string connection) => new()
    {
        Id = Guid.NewGuid(), Name = name, PlatformId = Guid.NewGuid(), Hypervisor = PlatformTechnology.Kvm, Connection = connection,
        Capacity = new HostCapacity(8, 4, 32768, 500),
    };

    private static PhysicalServer Server(string name, FakeBmc bmc, string password) => new()
    {
        Id = Guid.NewGuid(), Name = name, PlatformId = Guid.NewGuid(),
        Facts = new ServerFacts
        {
            CpuCores = 16, Memory = new Quantity(128, ResourceUnit.GiB), Disks = [new Quantity(960, ResourceUnit.GiB)],
            Nics = [new NetworkPort("eno1", "b8:ca:3a:00:01:01")],
        },
        Bmc = new BmcEndpoint
        {
            Address = bmc.BaseUri, UserName = FakeBmc.UserName, Password = new SecretValue(password),
            CertificateSha256 = TestCertificates.Sha256Of(TestCertificates.SelfSigned),
        },
    };
}
