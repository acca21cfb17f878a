using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Portal.Web.Tests.Library;

/// <summary>Platforms with connection settings over HTTP: validation per field, a write-only password, and Test connection against libvirt's test:///default.</summary>
public sealed class PlatformApiTests(AdminPortal portal) : IClassFixture<AdminPortal>
{
    private const string Password = "pool-Pa55word-7c1e";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_libvirt_platform_with_an_unknown_uri_scheme_is_refused_on_its_uri_field()
    {
        using var admin = await portal.AdminAsync();

        using var response = await PostAsync(admin, "/api/platforms", Platform("Broken KVM", "Virtual", "Kvm", new JsonObject { ["driver"] = "Libvirt", ["uri"] = "vmware://esx01" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>(Token))!["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("connection.uri"), errors.ToJsonString());
    }

    [Fact]
    public async Task A_redfish_pool_refuses_a_plain_http_service_address()
    {
        using var admin = await portal.AdminAsync();

        using var response = await PostAsync(admin, "/api/platforms",
            Platform("Plain pool", "Physical", "Pxe", new JsonObject { ["driver"] = "Redfish", ["uri"] = "http://bmc.lab", ["userName"] = "root", ["password"] = Password }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("connection.uri", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pool_password_is_never_in_a_response_and_an_empty_one_keeps_it()
    {
        using var admin = await portal.AdminAsync();
        var connection = new JsonObject { ["driver"] = "Redfish", ["uri"] = "https://bmc-pool.lab", ["userName"] = "root", ["password"] = Password, ["ipxeHasHttps"] = true };

        using var created = await PostAsync(admin, "/api/platforms", Platform("Rack B", "Physical", "Pxe", connection));
        var createdText = await created.Content.ReadAsStringAsync(Token);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (string)JsonNode.Parse(createdText)!["id"]!;

        var kept = (JsonObject)connection.DeepClone();
        kept.Remove("password");
        using var updated = await admin.PutAsync($"/api/platforms/{id}", Json(Platform("Rack B", "Physical", "Pxe", kept)), Token);
        var updatedText = await updated.Content.ReadAsStringAsync(Token);
        var one = await admin.GetStringAsync($"/api/platforms/{id}", Token);
        var list = await admin.GetStringAsync("/api/platforms", Token);

        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.All([createdText, updatedText, one, list], text => Assert.DoesNotContain(Password, text, StringComparison.Ordinal));
        var stored = JsonNode.Parse(one)!["connection"]!;
        Assert.True((bool)stored["passwordSet"]!, one);
        Assert.True((bool)stored["ipxeHasHttps"]!, one);
        Assert.Equal("root", (string)stored["userName"]!);
    }

    [Fact]
    public async Task Requesters_see_whether_a_platform_is_simulated_but_not_its_connection()
    {
        using var admin = await portal.AdminAsync();
        using var created = await PostAsync(admin, "/api/platforms",
            Platform("Rack C", "Physical", "Pxe", new JsonObject { ["driver"] = "Redfish", ["uri"] = "https://bmc-c.lab", ["userName"] = "root", ["password"] = Password }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (string)(await created.Content.ReadFromJsonAsync<JsonObject>(Token))!["id"]!;
        using var requester = portal.Factory.CreateBrowserLikeClient();
        await FormSignIn.SignInAsync(requester, "requester@portal.local");

        var platforms = await requester.GetFromJsonAsync<JsonArray>("/api/platforms", Token);

        var rack = platforms!.Single(p => (string)p!["id"]! == id)!;
        var demo = platforms!.Single(p => (string)p!["id"]! == Portal.Web.Tests.Provisioning.ProvisioningPortal.SimulatedBareMetal.ToString())!;
        Assert.False((bool)rack["simulated"]!, "a platform configured for Redfish deploys for real, whatever Portal:Provisioning:Drivers says");
        Assert.True((bool)demo["simulated"]!, "a platform never configured follows Portal:Provisioning:Drivers = Simulated");
        Assert.Null(rack["connection"]);
    }

    [Fact]
    public async Task A_libvirt_platform_lends_its_uri_to_a_new_host_and_test_connection_reaches_libvirt()
    {
        using var admin = await portal.AdminAsync();
        using var created = await PostAsync(admin, "/api/platforms",
            Platform("KVM lab", "Virtual", "Kvm", new JsonObject { ["driver"] = "Libvirt", ["uri"] = "test:///default" }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (string)(await created.Content.ReadFromJsonAsync<JsonObject>(Token))!["id"]!;

        using var host = await admin.PostAsJsonAsync("/api/inventory/hosts",
            new { name = "kvm-lab-01", platformId = id, connection = "", physicalCpus = 4, overcommitRatio = 2, memoryGiB = 8, storageGiB = 50 }, Token);
        Assert.Equal(HttpStatusCode.Created, host.StatusCode);
        Assert.Equal("test:///default", (string)(await host.Content.ReadFromJsonAsync<JsonObject>(Token))!["connection"]!);

        using var tested = await admin.PostAsync($"/api/platforms/{id}/test-connection", null, Token);
        var result = await tested.Content.ReadFromJsonAsync<JsonObject>(Token);

        Assert.Equal(HttpStatusCode.OK, tested.StatusCode);
        Assert.True((bool)result!["succeeded"]!, result.ToJsonString());
        Assert.StartsWith("test:///default: TEST ", (string)result["details"]![0]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_connection_reports_the_libvirt_error_of_a_uri_nothing_answers()
    {
        using var admin = await portal.AdminAsync();
        using var created = await PostAsync(admin, "/api/platforms",
            Platform("KVM nowhere", "Virtual", "Kvm", new JsonObject { ["driver"] = "Libvirt", ["uri"] = "qemu+tcp://127.0.0.1:1/system" }));
        var id = (string)(await created.Content.ReadFromJsonAsync<JsonObject>(Token))!["id"]!;

        var result = await (await admin.PostAsync($"/api/platforms/{id}/test-connection", null, Token)).Content.ReadFromJsonAsync<JsonObject>(Token);

        Assert.False((bool)result!["succeeded"]!);
        Assert.Contains("libvirt could not connect", (string)result["details"]![0]!, StringComparison.Ordinal);
    }

    private static JsonObject Platform(string name, string kind, string technology, JsonObject connection) => new()
    {
        ["name"] = $"{name} {Guid.NewGuid():N}"[..Math.Min(name.Length + 9, 60)],
        ["kind"] = kind,
        ["technology"] = technology,
        ["capabilities"] = new JsonObject { ["diskFormats"] = new JsonArray(kind == "Physical" ? "Raw" : "Qcow2") },
        ["connection"] = connection,
    };

    private static StringContent Json(JsonObject body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, JsonObject body) => client.PostAsync(path, Json(body), Token);
}
