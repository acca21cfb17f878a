using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Portal.Provisioning.Simulation;

namespace Portal.Web.Tests.Provisioning;

/// <summary>
/// The real portal on the simulated datacenter with millisecond steps and a 50 ms worker, shared by the tests of
/// a class. Each test deploys onto its own hardware or releases what it takes, so tests do not depend on order.
/// </summary>
public class ProvisioningPortal : IAsyncLifetime
{
    public static readonly Guid Ubuntu = Guid.Parse("1d0c0000-0000-4000-8000-000000000001");
    public static readonly Guid WindowsServer = Guid.Parse("1d0c0000-0000-4000-8000-000000000003");
    public static readonly Guid KvmFrankfurt = Guid.Parse("9a1e0000-0000-4000-8000-000000000003");
    public static readonly Guid SimulatedVirtual = Guid.Parse("9a1e0000-0000-4000-8000-000000000006");
    public static readonly Guid SimulatedBareMetal = Guid.Parse("9a1e0000-0000-4000-8000-000000000007");
    public const string Secret = "Correct-Horse-42";

    public ProvisioningPortal()
        : this(new Dictionary<string, string?>())
    {
    }

    protected ProvisioningPortal(IDictionary<string, string?> more, Action<IServiceCollection>? services = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Portal:Workflows:PollIntervalMilliseconds"] = "50",
            ["Portal:Provisioning:Simulation:StepMilliseconds"] = "5",
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        Factory = new PortalAppFactory(settings, services: services);
    }

    public PortalAppFactory Factory { get; }

    public HttpClient Admin { get; private set; } = null!;

    public SimulatedDatacenter Datacenter => Factory.Services.GetRequiredService<SimulatedDatacenter>();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        Admin = Factory.CreateBrowserLikeClient();
        await FormSignIn.SignInAsync(Admin, "admin@portal.local");
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await Factory.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    public async Task<HttpClient> SignedInAsync(string email)
    {
        var client = Factory.CreateBrowserLikeClient();
        await FormSignIn.SignInAsync(client, email);
        return client;
    }

    public static object LinuxOrder(Guid platform, string placement, string hostname, object? hardware = null) => new
    {
        imageId = Ubuntu,
        placement,
        platformId = platform,
        hardware,
        parameters = new Dictionary<string, object?> { ["hostname"] = hostname, ["adminPassword"] = Secret },
    };

    /// <summary>Posts an order and returns the deployment's id.</summary>
    public async Task<string> DeployAsync(object order)
    {
        var response = await Admin.PostAsJsonAsync("/api/deployments", order, Token);
        var body = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, $"POST /api/deployments answered {response.StatusCode}: {body}");
        return (string)JsonNode.Parse(body)!["id"]!;
    }

    /// <summary>Polls the deployment until it reaches <paramref name="status"/>; fails with the deployment as it stands.</summary>
    public async Task<JsonObject> WaitForDeploymentAsync(string id, string status, HttpClient? client = null)
    {
        JsonObject? deployment = null;
        for (var attempt = 0; attempt < 300; attempt++)
        {
            deployment = await (client ?? Admin).GetFromJsonAsync<JsonObject>($"/api/deployments/{id}", Token);
            if ((string?)deployment!["status"] == status)
            {
                return deployment;
            }

            await Task.Delay(100, Token);
        }

        throw new Xunit.Sdk.XunitException($"Deployment {id} did not reach {status}: {deployment?.ToJsonString()}");
    }

    /// <summary>
    /// Decommissions the server a completed deployment made and waits for its workflow, so the machine goes back to
    /// the pool: the simulated datacenter has three bare-metal servers, and a class that keeps them starves its next test.
    /// </summary>
    public async Task DecommissionAsync(JsonObject deployment)
    {
        var response = await Admin.PostAsync($"/api/servers/{deployment["server"]!["id"]}/decommission", null, Token);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>(Token);
        Assert.True(response.IsSuccessStatusCode, $"decommission answered {response.StatusCode}: {body}");
        await Portal.Web.Tests.Workflows.InstancePolling.WaitForStatusAsync(Admin, (string)body!["instanceId"]!, "Completed", Token);
    }

    /// <summary>Polls the deployment until its <paramref name="kind"/> step is in <paramref name="state"/>.</summary>
    public async Task WaitForStepAsync(string id, string kind, string state)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var deployment = await Admin.GetFromJsonAsync<JsonObject>($"/api/deployments/{id}", Token);
            if (deployment!["steps"]!.AsArray().Any(s => (string?)s!["kind"] == kind && (string?)s["state"] == state))
            {
                return;
            }

            await Task.Delay(50, Token);
        }

        throw new Xunit.Sdk.XunitException($"The {kind} step of {id} never became {state}.");
    }

    /// <summary>
    /// Reports a successful write as a real image writer does: a 503 means "recorded, but the deployment is still
    /// committing its write step; call again after Retry-After" (Boot/README.md), so it calls again, sooner than a
    /// writer would. The step shows Running a moment before the deployment waits for the callback, so a 503 first is normal.
    /// </summary>
    public static async Task<HttpResponseMessage> CallBackAsync(HttpClient machine, string token)
    {
        for (var attempt = 0; ; attempt++)
        {
            var callback = await machine.PostAsJsonAsync($"/api/boot/{token}/callback", new { succeeded = true, message = "written by the test" }, Token);
            if (callback.StatusCode != System.Net.HttpStatusCode.ServiceUnavailable || attempt == 100)
            {
                return callback;
            }

            Assert.NotNull(callback.Headers.RetryAfter);
            await Task.Delay(50, Token);
        }
    }

    public async Task<JsonObject> HostAsync(string name)
    {
        var hosts = await Admin.GetFromJsonAsync<JsonArray>("/api/inventory/hosts", Token);
        return hosts!.Single(h => (string?)h!["name"] == name)!.AsObject();
    }

    public async Task<JsonObject> InventoryServerAsync(string name)
    {
        var servers = await Admin.GetFromJsonAsync<JsonArray>("/api/inventory/servers", Token);
        return servers!.Single(s => (string?)s!["name"] == name)!.AsObject();
    }

    public static long Allocated(JsonObject host, string what) => (long)host["allocated"]![what]!;
}
