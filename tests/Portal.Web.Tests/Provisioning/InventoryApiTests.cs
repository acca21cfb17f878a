using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Portal.Web.Tests.Provisioning;

/// <summary>Registering, editing and removing servers and hosts over the API; the BMC password goes in and never comes out.</summary>
public sealed class InventoryApiTests(ProvisioningPortal portal) : IClassFixture<ProvisioningPortal>
{
    private static readonly Guid RackPool = Guid.Parse("9a1e0000-0000-4000-8000-000000000001");
    private static readonly Guid KvmCluster = Guid.Parse("9a1e0000-0000-4000-8000-000000000003");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static object Server(string name, string mac = "b8:ca:3a:99:00:01", string? password = "idrac-Secret-9", Guid? platform = null, string? bmcAddress = null) => new
    {
        name,
        platformId = platform ?? RackPool,
        cpuCores = 24,
        memoryGiB = 192,
        disksGiB = new[] { 960, 960 },
        nics = new[] { new { name = "eno1", macAddress = mac, speedMbps = 25000 } },
        rack = "B07",
        bmcAddress = bmcAddress ?? $"https://{name}-idrac.lab",
        bmcUserName = "portal",
        bmcPassword = password,
    };

    [Fact]
    public async Task An_admin_registers_a_server_which_is_listed_without_its_bmc_password_and_can_be_edited_and_removed()
    {
        var created = await portal.Admin.PostAsJsonAsync("/api/inventory/servers", Server("r660-01"), Token);
        var body = await created.Content.ReadAsStringAsync(Token);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (string)JsonNode.Parse(body)!["id"]!;

        var edited = await portal.Admin.PutAsJsonAsync($"/api/inventory/servers/{id}", Server("r660-01", password: null), Token);
        var listed = await portal.InventoryServerAsync("r660-01");
        var removed = await portal.Admin.DeleteAsync($"/api/inventory/servers/{id}", Token);

        Assert.DoesNotContain("idrac-Secret-9", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.True((bool)listed["bmc"]!["passwordSet"]!, "an edit without a password keeps the stored one");
        Assert.Equal(("Available", 24L, "Pxe"), ((string?)listed["state"], (long)listed["cpuCores"]!, (string?)listed["bootTechnology"]));
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.DoesNotContain((await portal.Admin.GetFromJsonAsync<JsonArray>("/api/inventory/servers", Token))!, x => (string?)x!["id"] == id);
    }

    [Fact]
    public async Task A_server_with_a_bad_mac_no_password_or_a_virtual_platform_is_refused_per_field()
    {
        var badMac = await portal.Admin.PostAsJsonAsync("/api/inventory/servers", Server("r660-02", mac: "not-a-mac"), Token);
        var noPassword = await portal.Admin.PostAsJsonAsync("/api/inventory/servers", Server("r660-03", password: null), Token);
        var virtualPool = await portal.Admin.PostAsJsonAsync("/api/inventory/servers", Server("r660-04", platform: KvmCluster), Token);
        var duplicate = await portal.Admin.PostAsJsonAsync("/api/inventory/servers", Server("r640-01"), Token);

        Assert.NotNull(await ErrorAsync(badMac, "facts.nics[0].macAddress"));
        Assert.NotNull(await ErrorAsync(noPassword, "bmc.password"));
        Assert.Contains("physical pool", await ErrorAsync(virtualPool, "platformId"), StringComparison.Ordinal);
        Assert.Contains("exists already", await ErrorAsync(duplicate, "name"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_joins_a_virtual_cluster_takes_its_hypervisor_and_cannot_be_removed_while_it_runs_vms()
    {
        var created = await portal.Admin.PostAsJsonAsync("/api/inventory/hosts", new
        {
            name = "kvm-fra-09", platformId = KvmCluster, connection = "qemu+ssh://kvm-fra-09/system", physicalCpus = 64, overcommitRatio = 2,
            memoryGiB = 1024, storageGiB = 20000, acceptedFormats = new[] { "Qcow2", "Raw" },
        }, Token);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var host = (await created.Content.ReadFromJsonAsync<JsonObject>(Token))!;
        Assert.Equal(("Kvm", 128L), ((string?)host["hypervisor"], (long)host["capacity"]!["vcpus"]!));

        var busy = await portal.HostAsync("sim-host-01");
        var id = await portal.DeployAsync(ProvisioningPortal.LinuxOrder(ProvisioningPortal.SimulatedVirtual, "Virtual", "keeps-host-busy"));
        var deployment = await portal.WaitForDeploymentAsync(id, "Completed");
        var usedHost = (string)deployment["server"]!["hostId"]!;
        var refused = await portal.Admin.DeleteAsync($"/api/inventory/hosts/{usedHost}", Token);
        var removed = await portal.Admin.DeleteAsync($"/api/inventory/hosts/{host["id"]}", Token);

        Assert.NotNull(busy);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
    }

    [Fact]
    public async Task A_plain_http_BMC_address_is_refused_at_registration_with_a_field_error_and_a_system_URL_is_taken()
    {
        var http = await portal.Admin.PostAsJsonAsync("/api/inventory/servers", Server("r660-05", bmcAddress: "http://r660-05-idrac.lab"), Token);
        var system = await portal.Admin.PostAsJsonAsync("/api/inventory/servers",
            Server("r660-06", mac: "b8:ca:3a:99:00:06", bmcAddress: "https://chassis-07.lab/redfish/v1/Systems/2"), Token);

        Assert.Contains("must be https://", await ErrorAsync(http, "bmc.address"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, system.StatusCode);
        Assert.Equal("https://chassis-07.lab/redfish/v1/Systems/2", (string?)(await portal.InventoryServerAsync("r660-06"))["bmc"]!["address"]);
    }

    [Fact]
    public async Task An_empty_server_is_refused_with_every_field_at_once()
    {
        var response = await portal.Admin.PostAsJsonAsync("/api/inventory/servers", new { name = "" }, Token);

        var problem = await response.Content.ReadFromJsonAsync<JsonObject>(Token);
        var fields = problem!["errors"]!.AsObject().Select(e => e.Key).ToList();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Superset(new HashSet<string> { "platformId", "bmc.address", "name", "facts.cpuCores", "facts.memory", "facts.disks", "facts.nics", "bmc.userName" }, fields.ToHashSet());
    }

    [Fact]
    public async Task Requesters_cannot_register_hardware()
    {
        using var requester = await portal.SignedInAsync("requester@portal.local");

        var response = await requester.PostAsJsonAsync("/api/inventory/servers", Server("sneaky-01"), Token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private static async Task<string?> ErrorAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>(Token);
        return problem!["errors"]?[field]?[0]?.GetValue<string>()
            ?? throw new Xunit.Sdk.XunitException($"No error on {field}: {problem.ToJsonString()}");
    }
}
