using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Testing;
using Portal.Web.Tests.Provisioning;
using Portal.Web.Tests.Requests;

namespace Portal.Web.Tests.Security.SecretsScan;

/// <summary>
/// A whole journey with known secrets — the demo users' password at sign-in, a BMC password for a registered server,
/// a secret software parameter on a physical request (two approvals) and on a direct virtual deployment — then a scan
/// of everything the portal wrote where someone else could read it: every log entry of every level, every response
/// body the test received, and the raw bytes of the database file and its write-ahead log. None may hold a secret.
/// </summary>
public sealed class SecretsScanTests
{
    private const string DemoPassword = "ScanDemo-Password-71c5aa30";
    private const string BmcPassword = "ScanBmc-Secret-93fa02e6";
    private const string RequestSecret = "ScanRequest-Secret-4be1c9d7";
    private const string DeploymentSecret = "ScanDeploy-Secret-0d2e8f15";

    private static readonly string[] Secrets = [DemoPassword, BmcPassword, RequestSecret, DeploymentSecret];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_full_journey_leaves_no_secret_in_the_logs_the_responses_or_the_database_file()
    {
        using var data = new TempDirectory();
        var capture = new CapturingLoggerProvider();
        var responses = new ConcurrentQueue<string>();
        var databaseBytes = new List<(string File, byte[] Bytes)>();
        await using (var portal = new PortalAppFactory(
            new Dictionary<string, string?>
            {
                ["Portal:Seed:DemoPassword"] = DemoPassword,
                ["Portal:Workflows:PollIntervalMilliseconds"] = "50",
                ["Portal:Provisioning:Simulation:StepMilliseconds"] = "5",
            },
            data.Path))
        await using (var factory = portal.WithWebHostBuilder(web => web.ConfigureLogging(logging =>
        {
            logging.ClearProviders();
            logging.AddProvider(capture);
            logging.AddFilter<CapturingLoggerProvider>(null, LogLevel.Trace);
        })))
        {
            HttpClient Client() => factory.CreateDefaultClient(new RecordingHandler(responses), new CookieContainerHandler());
            using var requester = Client();
            using var approver = Client();
            using var admin = Client();
            foreach (var (client, email) in new[] { (requester, "requester@portal.local"), (approver, "approver@portal.local"), (admin, "admin@portal.local") })
            {
                using var signedIn = await FormSignIn.PostAsync(client, email, DemoPassword);
                Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            }

            using var wrongPassword = await FormSignIn.PostAsync(Client(), "approver@portal.local", DemoPassword + "-wrong");

            await RegisterServerAsync(admin);
            var request = await JourneyAsync(requester, approver, admin);
            var deployment = await DeployAsync(admin);

            // Everything the pages and the API show about what was made, as each party sees it.
            await ReadAllAsync(admin, requester, request, deployment);

            // The database as it is while the portal runs, write-ahead log included.
            foreach (var file in Directory.EnumerateFiles(data.Path, "portal.db*"))
            {
                databaseBytes.Add((Path.GetFileName(file), ReadShared(file)));
            }
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.EnumerateFiles(data.Path, "portal.db*"))
        {
            databaseBytes.Add((Path.GetFileName(file) + " (stopped)", ReadShared(file)));
        }

        var leaks = new List<string>();
        foreach (var secret in Secrets)
        {
            leaks.AddRange(capture.Entries.Where(e => e.Contains(secret, StringComparison.Ordinal)).Take(3).Select(e => $"log has {secret}: {Excerpt(e, secret)}"));
            leaks.AddRange(responses.Where(r => r.Contains(secret, StringComparison.Ordinal)).Take(3).Select(r => $"response to {r[..r.IndexOf('\n', StringComparison.Ordinal)]} has {secret}: {Excerpt(r, secret)}"));
            foreach (var (file, bytes) in databaseBytes)
            {
                foreach (var encoding in new Encoding[] { Encoding.UTF8, Encoding.Unicode })
                {
                    var at = bytes.AsSpan().IndexOf(encoding.GetBytes(secret));
                    if (at >= 0)
                    {
                        leaks.Add($"{file} has {secret} ({encoding.WebName}) at byte {at}: {Excerpt(Encoding.UTF8.GetString(bytes, Math.Max(0, at - 300), Math.Min(600, bytes.Length - Math.Max(0, at - 300))), secret)}");
                    }
                }
            }
        }

        // The scan sees what it scans: debug-level SQL in the log, the journey's names in the responses and the file.
        Assert.Contains(capture.Entries, e => e.StartsWith("Debug Microsoft.EntityFrameworkCore.Database.Command", StringComparison.Ordinal));
        Assert.Contains(responses, r => r.Contains("scan-db-01", StringComparison.Ordinal));
        Assert.Contains(databaseBytes, d => d.File == "portal.db-wal");
        Assert.Contains(databaseBytes, d => d.Bytes.AsSpan().IndexOf("scan-metal-01"u8) >= 0);
        Assert.True(leaks.Count == 0, string.Join("\n\n", leaks));
    }

    private static async Task RegisterServerAsync(HttpClient admin)
    {
        // Smaller than the simulated pool's own servers, so the physical request below is placed on it and its BMC
        // password is read and used by the drivers during the journey.
        using var response = await admin.PostAsJsonAsync("/api/inventory/servers", new
        {
            name = "scan-metal-01",
            platformId = ProvisioningPortal.SimulatedBareMetal,
            cpuCores = 4,
            memoryGiB = 16,
            disksGiB = new[] { 120 },
            nics = new[] { new { name = "eno1", macAddress = "b8:ca:3a:55:00:01", speedMbps = 10000 } },
            bmcAddress = "https://scan-metal-01-bmc.lab",
            bmcUserName = "portal",
            bmcPassword = BmcPassword,
        }, Token);
        var body = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
    }

    /// <summary>A physical request with a secret parameter: requester, approver, admin's second approval, until it completes.</summary>
    private static async Task<JsonObject> JourneyAsync(HttpClient requester, HttpClient approver, HttpClient admin)
    {
        var submitted = await RequestClients.SubmitAsync(requester, new
        {
            imageId = ProvisioningPortal.Ubuntu,
            placement = "Physical",
            platformId = ProvisioningPortal.SimulatedBareMetal,
            parameters = new Dictionary<string, object?> { ["adminPassword"] = RequestSecret },
            quantity = 1,
            hostnamePattern = "scan-db-01",
            justification = "The secrets scan's physical server.",
        });
        var id = (string)submitted["id"]!;
        using (var first = await RequestClients.DecideAsync(approver, await RequestClients.TaskOfAsync(approver, id), "Approved"))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        await RequestClients.WaitForStatusAsync(requester, id, "PendingApproval");
        using (var second = await RequestClients.DecideAsync(admin, await RequestClients.TaskOfAsync(admin, id), "Approved"))
        {
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        }

        var done = await RequestClients.WaitForStatusAsync(requester, id, "Completed");
        var ours = await InventoryServerAsync(admin, "scan-metal-01");
        Assert.True((string?)ours["state"] != "Available", $"the request should have been placed on scan-metal-01 (whose BMC password is known): {ours.ToJsonString()}");
        return done;
    }

    private static async Task<string> DeployAsync(HttpClient admin)
    {
        using var response = await admin.PostAsJsonAsync("/api/deployments", new
        {
            imageId = ProvisioningPortal.Ubuntu,
            placement = "Virtual",
            platformId = ProvisioningPortal.SimulatedVirtual,
            parameters = new Dictionary<string, object?> { ["hostname"] = "scan-vm-01", ["adminPassword"] = DeploymentSecret },
        }, Token);
        var body = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, body);
        var id = (string)JsonNode.Parse(body)!["id"]!;
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var deployment = await admin.GetFromJsonAsync<JsonObject>($"/api/deployments/{id}", Token);
            if ((string?)deployment!["status"] == "Completed")
            {
                return id;
            }

            await Task.Delay(100, Token);
        }

        throw new Xunit.Sdk.XunitException($"Deployment {id} did not complete.");
    }

    private static async Task ReadAllAsync(HttpClient admin, HttpClient requester, JsonObject request, string deployment)
    {
        foreach (var client in new[] { admin, requester })
        {
            await client.GetStringAsync("/api/deployments", Token);
            await client.GetStringAsync("/api/servers", Token);
            await client.GetStringAsync("/api/requests", Token);
            await client.GetStringAsync($"/api/requests/{request["id"]}", Token);
        }

        await admin.GetStringAsync($"/api/deployments/{deployment}", Token);
        await admin.GetStringAsync("/api/inventory/servers", Token);
        await admin.GetStringAsync("/api/inventory/hosts", Token);
        await admin.GetStringAsync("/admin/inventory", Token);
        await admin.GetStringAsync("/admin/servers", Token);
        await admin.GetStringAsync($"/admin/deployments/{deployment}", Token);
        await requester.GetStringAsync("/servers", Token);

        // Every workflow instance with its inputs, variables and journal, parents and children alike.
        var instances = await admin.GetFromJsonAsync<JsonArray>("/api/workflow-instances?max=1000", Token);
        Assert.NotEmpty(instances!);
        foreach (var instance in instances!)
        {
            var id = (string)(instance!["id"] ?? instance["instanceId"])!;
            await admin.GetStringAsync($"/api/workflow-instances/{id}", Token);
            await admin.GetStringAsync($"/admin/workflows/instances/{id}", Token);
        }

        await admin.GetStringAsync($"/requests/{request["id"]}", Token);
        await requester.GetStringAsync($"/requests/{request["id"]}", Token);
    }

    private static async Task<JsonObject> InventoryServerAsync(HttpClient admin, string name) =>
        (await admin.GetFromJsonAsync<JsonArray>("/api/inventory/servers", Token))!.Single(s => (string?)s!["name"] == name)!.AsObject();

    private static byte[] ReadShared(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static string Excerpt(string text, string secret)
    {
        var at = text.IndexOf(secret, StringComparison.Ordinal);
        var start = Math.Max(0, at - 200);
        return text.Substring(start, Math.Min(text.Length - start, 400)).Replace('\0', '·');
    }
}
