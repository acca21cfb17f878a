using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Portal.Provisioning.Libvirt;
using Portal.Testing;
using Portal.Web.Tests;
using Portal.Web.Tests.Workflows;

namespace Portal.RealMachines.Tests;

/// <summary>
/// The whole way on real parts: a Debian 12 image built from Debian's packages (tests/images/build-debian-image.sh)
/// goes into the library, the portal's server-deployment workflow deploys it through the libvirt driver to a real
/// QEMU VM on this machine (software emulation where KVM is not usable), the guest boots and cloud-init applies the
/// deployment's host name and message of the day, read back from the serial console through the portal's API. The
/// VM is then captured into the library (its real disk converted and hashed), and the capture deployed to a second VM
/// that boots with its own name: a V2V round trip on real disks.
/// </summary>
public sealed class RealVirtualMachineTests : IAsyncLifetime
{
    private const long TemplateDiskBytes = 4L * 1024 * 1024 * 1024;
    private const string SshKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFy4mvnSKWxL0wIbbYqFh5i1Tn8m0I9oVb8pPYQd7cGM portal-test";

    // Generous: emulation under the rest of the suite's load is several times slower than alone.
    private static readonly TimeSpan BootTimeout = TimeSpan.FromMinutes(10);

    private readonly TempDirectory storage = new();
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly List<string> timings = [];
    private RealLibvirt libvirt = null!;
    private PortalAppFactory factory = null!;
    private HttpClient admin = null!;
    private string platform = "";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        libvirt = await RealLibvirt.RequireAsync(Token);
        // A run killed before its clean-up left its VMs defined; this test's names are its own, so they go first.
        await RemoveTestMachinesAsync();
        factory = new PortalAppFactory(new Dictionary<string, string?>
        {
            ["Portal:Provisioning:Kvm:StorageFolder"] = storage.Path,
            ["Portal:Provisioning:Kvm:ShutdownTimeout"] = "00:01:30",
            ["Portal:Workflows:PollIntervalMilliseconds"] = "200",
        });
        admin = factory.CreateBrowserLikeClient();
        await FormSignIn.SignInAsync(admin, "admin@portal.local");
    }

    public async ValueTask DisposeAsync()
    {
        // Whatever the outcome, no VM of this test stays defined on the host.
        if (libvirt is not null)
        {
            await RemoveTestMachinesAsync();
        }

        admin?.Dispose();
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }

        storage.Dispose();
        TestContext.Current.TestOutputHelper?.WriteLine(string.Join("\n", timings));
    }

    private async Task RemoveTestMachinesAsync()
    {
        using var host = new LibvirtDriver(new LibvirtOptions { Uri = libvirt.Uri });
        foreach (var name in (await host.ListNamesAsync(CancellationToken.None)).Where(n => n.StartsWith("real-vm-", StringComparison.Ordinal)))
        {
            await host.DestroyAsync(name, CancellationToken.None);
            await host.UndefineAsync(name, CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_built_debian_image_deploys_to_a_real_vm_that_boots_with_its_name_and_message_and_its_capture_deploys_and_boots_again()
    {
        (platform, var host) = await AddLibvirtPlatformAsync();
        var imageId = await AddImageAsync(libvirt.DebianImagePath);
        Mark("setup (host, image)");

        var first = await DeployAsync(imageId, "real-vm-01", "Deployed by the portal: first");
        Mark("first deployment completed");
        var report = await WaitForGuestReportAsync(first);
        Mark("first VM booted, cloud-init applied");
        Assert.Equal(("real-vm-01", "Deployed by the portal: first"), (report.Hostname, string.Join("\n", report.MessageOfTheDay)));
        Assert.Equal(TemplateDiskBytes, report.DiskSizeBytes);
        Assert.True(report.RootFileSystemSizeBytes > libvirt.DebianImageVirtualSize,
            $"cloud-init grew the root file system to the {TemplateDiskBytes}-byte disk: it is {report.RootFileSystemSizeBytes} bytes, the image's disk {libvirt.DebianImageVirtualSize}");
        Assert.Contains("status: done", report.CloudInitStatus, StringComparison.Ordinal);
        Assert.Equal(TemplateDiskBytes, await SystemDiskBytesAsync((string)first["machineName"]!));

        var captureId = await CaptureAsync((string)first["id"]!);
        Mark("captured");
        var capture = (await admin.GetFromJsonAsync<JsonObject>($"/api/images/{captureId}", Token))!;
        var artifact = capture["artifacts"]![0]!;
        var captured = new Uri((string)artifact["location"]!).LocalPath;
        Assert.Equal((string?)artifact["sha256"], await Sha256Async(captured));
        Assert.Equal("Qcow2", (string?)artifact["format"]);
        await PublishAsync(captureId);

        var second = await DeployAsync(captureId, "real-vm-02", "Deployed by the portal: second");
        var again = await WaitForGuestReportAsync(second);
        Mark("capture deployed and booted (V2V round trip)");
        Assert.Equal(("real-vm-02", "Deployed by the portal: second"), (again.Hostname, string.Join("\n", again.MessageOfTheDay)));
        Assert.Equal(TemplateDiskBytes, again.DiskSizeBytes);
        Assert.Equal(host, (string?)second["hostId"]);
    }

    private void Mark(string what) => timings.Add($"{clock.Elapsed.TotalSeconds,7:0.0} s  {what}");

    /// <summary>
    /// A KVM platform an admin configures for the libvirt driver (Admin › Platforms, through its API) with this
    /// machine's libvirt as its only host; the demo's simulated platforms stay as they are.
    /// </summary>
    private async Task<(string Platform, string Host)> AddLibvirtPlatformAsync()
    {
        using var platform = await admin.PostAsJsonAsync("/api/platforms", new
        {
            name = "This machine (libvirt)",
            kind = "Virtual",
            technology = "Kvm",
            capabilities = new { diskFormats = new[] { "Qcow2", "Raw" }, firmware = new[] { "Bios" }, architectures = new[] { "X86_64" } },
            connection = new { driver = "Libvirt", uri = libvirt.Uri },
        }, Token);
        var platformBody = await platform.Content.ReadAsStringAsync(Token);
        Assert.True(platform.StatusCode == HttpStatusCode.Created, $"POST /api/platforms answered {platform.StatusCode}: {platformBody}");
        var platformId = (string)JsonNode.Parse(platformBody)!["id"]!;
        Assert.False((bool)JsonNode.Parse(platformBody)!["simulated"]!, "a platform configured for libvirt is not simulated");

        using var tested = await admin.PostAsync($"/api/platforms/{platformId}/test-connection", null, Token);
        var test = (await tested.Content.ReadFromJsonAsync<JsonObject>(Token))!;
        Assert.True((bool)test["succeeded"]!, $"Test connection: {test.ToJsonString()}");

        // An empty connection: the host takes its platform's libvirt URI.
        using var created = await admin.PostAsJsonAsync("/api/inventory/hosts", new
        {
            name = "this-machine",
            platformId,
            connection = "",
            physicalCpus = 2, overcommitRatio = 4, memoryGiB = 8, storageGiB = 64,
        }, Token);
        var body = await created.Content.ReadAsStringAsync(Token);
        Assert.True(created.StatusCode == HttpStatusCode.Created, $"POST /api/inventory/hosts answered {created.StatusCode}: {body}");
        return (platformId, (string)JsonNode.Parse(body)!["id"]!);
    }

    private async Task<string> AddImageAsync(string path)
    {
        var image = new
        {
            name = "Debian 12 (built here)",
            version = "12",
            description = "Built from Debian's packages by tests/images/build-debian-image.sh.",
            hardware = new
            {
                requirements = new object[]
                {
                    // One vCPU: under emulation a second one made the boot no faster here, and costs the suite a core.
                    new { type = "Processor", quantity = 1 },
                    new { type = "Memory", quantity = 1, unit = "GiB" },
                    new { type = "Disk", quantity = 4, unit = "GiB", bus = "Virtio" },
                    new { type = "NetworkAdapter", quantity = 1 },
                },
                architecture = "X86_64",
                firmware = "Bios",
            },
            software = new
            {
                family = "Linux", distribution = "Debian", version = "12",
                parameters = new object[]
                {
                    new { name = "hostname", label = "Host name", type = "Hostname", required = true },
                    new { name = "adminUser", label = "Administrator", @default = "ops" },
                    new { name = "sshAuthorizedKey", label = "SSH public key" },
                    new { name = "motd", label = "Message of the day" },
                },
            },
            artifacts = new object[]
            {
                new
                {
                    id = Guid.NewGuid(), format = "Qcow2", sizeBytes = new FileInfo(path).Length, location = new Uri(path).AbsoluteUri,
                    sha256 = await Sha256Async(path),
                    provenance = new { capturedFrom = "Virtual", sourceTechnology = "Kvm", sourceServer = "build-debian-image.sh", capturedAt = DateTimeOffset.UtcNow },
                },
            },
        };
        using var created = await admin.PostAsJsonAsync("/api/images", image, Token);
        var body = await created.Content.ReadAsStringAsync(Token);
        Assert.True(created.StatusCode == HttpStatusCode.Created, $"POST /api/images answered {created.StatusCode}: {body}");
        var id = (string)JsonNode.Parse(body)!["id"]!;
        await PublishAsync(id);
        return id;
    }

    private async Task PublishAsync(string imageId)
    {
        using var published = await admin.PostAsync($"/api/images/{imageId}/publish", null, Token);
        Assert.True(published.IsSuccessStatusCode, $"publishing {imageId}: {published.StatusCode} {await published.Content.ReadAsStringAsync(Token)}");
    }

    /// <summary>Deploys through the server-deployment workflow and returns the server once the deployment completed.</summary>
    private async Task<JsonObject> DeployAsync(string imageId, string hostname, string motd)
    {
        using var response = await admin.PostAsJsonAsync("/api/deployments", new
        {
            imageId,
            placement = "Virtual",
            platformId = platform,
            parameters = new Dictionary<string, string> { ["hostname"] = hostname, ["motd"] = motd, ["sshAuthorizedKey"] = SshKey },
        }, Token);
        var body = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"POST /api/deployments answered {response.StatusCode}: {body}");
        var id = (string)JsonNode.Parse(body)!["id"]!;

        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(5);
        JsonObject? deployment = null;
        while (DateTime.UtcNow < deadline)
        {
            deployment = await admin.GetFromJsonAsync<JsonObject>($"/api/deployments/{id}", Token);
            var status = (string?)deployment!["status"];
            Assert.True(status is not ("Failed" or "Cancelled"), $"The deployment of {hostname} ended {status}: {deployment.ToJsonString()}");
            if (status == "Completed")
            {
                return deployment["server"]!.AsObject();
            }

            await Task.Delay(1000, Token);
        }

        throw new Xunit.Sdk.XunitException($"The deployment of {hostname} did not complete in 5 minutes: {deployment?.ToJsonString()}");
    }

    /// <summary>
    /// Reads the server's console through the portal until the guest's report (what cloud-init applied: the image's
    /// portal-guest-report service writes it once cloud-init is done) is complete.
    /// </summary>
    private async Task<GuestConsoleReport> WaitForGuestReportAsync(JsonObject server)
    {
        var deadline = DateTime.UtcNow + BootTimeout;
        var console = string.Empty;
        while (DateTime.UtcNow < deadline)
        {
            using var response = await admin.GetAsync($"/api/servers/{server["id"]}/console", Token);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NoContent, $"GET console answered {response.StatusCode}");
            console = await response.Content.ReadAsStringAsync(Token);
            if (GuestConsoleReport.Parse(console) is { } report)
            {
                return report;
            }

            await Task.Delay(2000, Token);
        }

        throw new Xunit.Sdk.XunitException(
            $"{server["name"]} wrote no report on its console within {BootTimeout.TotalMinutes} minutes. Its console ends:\n{console[Math.Max(0, console.Length - 4000)..]}");
    }

    private async Task<string> CaptureAsync(string serverId)
    {
        using var response = await admin.PostAsJsonAsync($"/api/servers/{serverId}/capture", new { name = "real-vm-01 capture" }, Token);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>(Token);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"capture answered {response.StatusCode}: {body}");
        await InstancePolling.WaitForStatusAsync(admin, (string)body!["instanceId"]!, "Completed", Token, TimeSpan.FromMinutes(6));
        return (string)body["imageId"]!;
    }

    /// <summary>The virtual size of the VM's system disk, as qemu-img reads the file libvirt gives the VM.</summary>
    private async Task<long> SystemDiskBytesAsync(string machineName)
    {
        using var host = new LibvirtDriver(new LibvirtOptions { Uri = libvirt.Uri });
        var domain = await host.FindAsync(machineName, Token) ?? throw new Xunit.Sdk.XunitException($"{machineName} is not defined on {libvirt.Uri}.");
        var disk = DomainXmlReader.ReadDisks(domain.Xml)[0];
        var info = new ProcessStartInfo("qemu-img") { RedirectStandardOutput = true, ArgumentList = { "info", "--force-share", "--output=json", disk.Path } };
        using var process = Process.Start(info)!;
        var json = JsonNode.Parse(await process.StandardOutput.ReadToEndAsync(Token))!;
        await process.WaitForExitAsync(Token);
        return (long)json["virtual-size"]!;
    }

    private static async Task<string> Sha256Async(string path)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, Token));
    }
}
