using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Portal.Testing;
using Portal.Web.Tests.Provisioning;

namespace Portal.Web.Tests.Security.KeysAtRest;

/// <summary>
/// A portal that ran once on a data folder it created itself, holding a known BMC password (a registered server) and
/// a known secret deployment parameter (a finished deployment), then stopped. The file modes are read while it runs.
/// </summary>
public sealed class KeysAtRestPortal : IAsyncLifetime
{
    public const string BmcPassword = "Stolen-Bmc-Password-5117";
    public const string AdminPassword = "Stolen-Admin-Password-8923";
    public const string BmcPurpose = "Portal.Inventory.BmcPassword";
    public const string SecretsPurpose = "Portal.Deployments.Secrets";

    private static readonly Guid RackPool = Guid.Parse("9a1e0000-0000-4000-8000-000000000001");

    private readonly TempDirectory root = new();

    public string DataDirectory => Path.Combine(root.Path, "data");

    public string DatabaseFile => Path.Combine(DataDirectory, "portal.db");

    public string CertificateFile => Path.Combine(DataDirectory, "key-ring.pfx");

    /// <summary>Unix modes of the data folder and the files in it, read while the portal ran.</summary>
    public Dictionary<string, UnixFileMode> Modes { get; } = [];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await using var factory = new PortalAppFactory(
            new Dictionary<string, string?>
            {
                ["Portal:Workflows:PollIntervalMilliseconds"] = "50",
                ["Portal:Provisioning:Simulation:StepMilliseconds"] = "5",
            },
            DataDirectory);
        using var admin = factory.CreateBrowserLikeClient();
        await FormSignIn.SignInAsync(admin, "admin@portal.local");

        using var server = await admin.PostAsJsonAsync("/api/inventory/servers", new
        {
            name = "stolen-r660",
            platformId = RackPool,
            cpuCores = 16,
            memoryGiB = 128,
            disksGiB = new[] { 480 },
            nics = new[] { new { name = "eno1", macAddress = "b8:ca:3a:77:00:01", speedMbps = 10000 } },
            bmcAddress = "https://stolen-r660-idrac.lab",
            bmcUserName = "portal",
            bmcPassword = BmcPassword,
        }, Token);
        Assert.Equal(HttpStatusCode.Created, server.StatusCode);

        using var deployment = await admin.PostAsJsonAsync("/api/deployments", new
        {
            imageId = ProvisioningPortal.Ubuntu,
            placement = "Virtual",
            platformId = ProvisioningPortal.SimulatedVirtual,
            parameters = new Dictionary<string, object?> { ["hostname"] = "stolen-vm-01", ["adminPassword"] = AdminPassword },
        }, Token);
        var body = await deployment.Content.ReadAsStringAsync(Token);
        Assert.True(deployment.StatusCode == HttpStatusCode.Accepted, body);
        await WaitForDeploymentAsync(admin, (string)JsonNode.Parse(body)!["id"]!);

        if (OperatingSystem.IsWindows())
        {
            return;
        }

        foreach (var path in Directory.EnumerateFileSystemEntries(DataDirectory).Append(DataDirectory))
        {
            Modes[Path.GetFileName(path) is { Length: > 0 } name && path != DataDirectory ? name : "."] = File.GetUnixFileMode(path);
        }
    }

    public X509Certificate2 LoadCertificate() => X509CertificateLoader.LoadPkcs12FromFile(CertificateFile, null);

    public ValueTask DisposeAsync()
    {
        root.Dispose();
        return ValueTask.CompletedTask;
    }

    private static async Task WaitForDeploymentAsync(HttpClient admin, string id)
    {
        JsonObject? deployment = null;
        for (var attempt = 0; attempt < 300; attempt++)
        {
            deployment = await admin.GetFromJsonAsync<JsonObject>($"/api/deployments/{id}", Token);
            if ((string?)deployment!["status"] is "Completed" or "Failed")
            {
                return;
            }

            await Task.Delay(100, Token);
        }

        throw new Xunit.Sdk.XunitException($"Deployment {id} did not finish: {deployment?.ToJsonString()}");
    }
}
