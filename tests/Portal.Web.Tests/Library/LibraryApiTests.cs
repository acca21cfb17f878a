using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Portal.Web.Tests.Library;

public sealed class LibraryApiTests(LibraryApiTests.App app) : IClassFixture<LibraryApiTests.App>
{
    private const string DebianId = "1d0c0000-0000-4000-8000-000000000004";
    private const string RhelId = "1d0c0000-0000-4000-8000-000000000002";
    private const string WimId = "1d0c0000-0000-4000-8000-000000000006";
    private const string CentOsDeprecatedId = "1d0c0000-0000-4000-8000-000000000009";
    private const string KvmId = "9a1e0000-0000-4000-8000-000000000003";
    private const string VSphereId = "9a1e0000-0000-4000-8000-000000000004";

    public sealed class App : IAsyncDisposable
    {
        public PortalAppFactory Factory { get; } = new(new Dictionary<string, string?> { ["Portal:Seed:DemoData"] = "true" });

        public async Task<HttpClient> ClientAsync(string email)
        {
            var client = Factory.CreateBrowserLikeClient();
            await FormSignIn.SignInAsync(client, email);
            return client;
        }

        public ValueTask DisposeAsync() => Factory.DisposeAsync();
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Anonymous_callers_get_401()
    {
        using var client = app.Factory.CreateBrowserLikeClient();

        using var response = await client.GetAsync("/api/images", Token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_requester_lists_only_published_images_and_an_admin_lists_all()
    {
        using var requester = await app.ClientAsync("requester@portal.local");
        using var admin = await app.ClientAsync("admin@portal.local");

        var forRequester = await requester.GetFromJsonAsync<JsonObject>("/api/images?pageSize=50", Token);
        var forAdmin = await admin.GetFromJsonAsync<JsonObject>("/api/images?pageSize=50", Token);

        Assert.Equal(8, (int)forRequester!["totalCount"]!);
        Assert.DoesNotContain("CentOS 7 legacy", forRequester.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(9, (int)forAdmin!["totalCount"]!);
    }

    [Fact]
    public async Task Filters_and_paging_run_on_the_server()
    {
        using var client = await app.ClientAsync("requester@portal.local");

        var windows = await client.GetFromJsonAsync<JsonObject>("/api/images?os=Windows", Token);
        var onVSphere = await client.GetFromJsonAsync<JsonObject>($"/api/images?compatibleWith={VSphereId}&pageSize=50", Token);
        var secondPage = await client.GetFromJsonAsync<JsonObject>("/api/images?pageSize=3&page=1&sortBy=Name", Token);

        Assert.Equal(2, (int)windows!["totalCount"]!);
        var names = onVSphere!["items"]!.AsArray().Select(i => (string)i!["name"]!).ToList();
        Assert.DoesNotContain("Windows Server 2019 (WIM)", names);
        Assert.DoesNotContain("Ubuntu 24.04 ARM64 edge", names);
        Assert.Contains("Debian 12 minimal", names);
        Assert.Equal(3, secondPage!["items"]!.AsArray().Count);
        Assert.Equal("Rocky Linux 9 (VirtualBox lab)", (string)secondPage["items"]![0]!["name"]!);
    }

    [Fact]
    public async Task A_requester_cannot_see_a_deprecated_image_and_gets_a_problem_document()
    {
        using var client = await app.ClientAsync("requester@portal.local");

        using var response = await client.GetAsync($"/api/images/{CentOsDeprecatedId}", Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task An_image_reads_back_with_its_template_stack_and_artifacts()
    {
        using var client = await app.ClientAsync("requester@portal.local");

        var image = await client.GetFromJsonAsync<JsonObject>($"/api/images/{DebianId}", Token);

        Assert.Equal("Debian 12 minimal", (string)image!["name"]!);
        Assert.Equal("Processor", (string)image["hardware"]!["requirements"]![0]!["type"]!);
        Assert.Equal("Qcow2", (string)image["artifacts"]![0]!["format"]!);
        var secret = image["software"]!["parameters"]!.AsArray().Single(p => (string)p!["name"]! == "adminPassword")!;
        Assert.Null(secret["default"]);
    }

    [Fact]
    public async Task Compatibility_has_one_entry_per_platform_with_reasons_and_conversions()
    {
        using var client = await app.ClientAsync("requester@portal.local");

        var wim = await client.GetFromJsonAsync<JsonArray>($"/api/images/{WimId}/compatibility", Token);
        var rhel = await client.GetFromJsonAsync<JsonArray>($"/api/images/{RhelId}/compatibility", Token);

        Assert.Equal(7, wim!.Count);
        var wimOnKvm = wim.Single(e => (string)e!["platformId"]! == KvmId)!;
        Assert.False((bool)wimOnKvm["compatible"]!);
        Assert.Contains("the image has WIM", wimOnKvm["reasons"]![0]!.ToString(), StringComparison.Ordinal);
        var rhelOnKvm = rhel!.Single(e => (string)e!["platformId"]! == KvmId)!;
        Assert.True((bool)rhelOnKvm["compatible"]!);
        Assert.Equal("Vmdk", (string)rhelOnKvm["conversion"]!["from"]!);
        Assert.Equal("Qcow2", (string)rhelOnKvm["conversion"]!["to"]!);
        Assert.Equal("Virtual", (string)rhelOnKvm["kind"]!);
    }

    [Fact]
    public async Task A_plan_lists_the_steps_and_masks_the_secret()
    {
        using var client = await app.ClientAsync("requester@portal.local");

        using var response = await client.PostAsJsonAsync($"/api/images/{RhelId}/plan", new
        {
            platformId = KvmId,
            hardware = new Dictionary<string, decimal> { ["Processor"] = 8, ["Memory"] = 32 },
            parameters = new Dictionary<string, string> { ["hostname"] = "app-01", ["adminPassword"] = "Very-Secret-Pass-1" },
        }, Token);

        var body = await response.Content.ReadAsStringAsync(Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("Very-Secret-Pass-1", body, StringComparison.Ordinal);
        var plan = JsonNode.Parse(body)!;
        Assert.Equal("V2V", (string)plan["route"]!);
        Assert.Equal("ConvertArtifact", (string)plan["steps"]![0]!["kind"]!);
        Assert.Equal("8 vCPU · 32 GiB · 100 GiB", (string)plan["hardware"]!);
    }

    [Fact]
    public async Task A_plan_missing_a_required_parameter_is_a_400_keyed_by_the_parameter()
    {
        using var client = await app.ClientAsync("requester@portal.local");

        using var response = await client.PostAsJsonAsync($"/api/images/{RhelId}/plan", new
        {
            platformId = KvmId,
            hardware = new Dictionary<string, decimal> { ["Processor"] = 999 },
            parameters = new Dictionary<string, string> { ["adminUser"] = "ops" },
        }, Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>(Token))!["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("parameters.hostname"), errors.ToJsonString());
        // The administrator password is one the portal generates when none is given: its absence is no error.
        Assert.False(errors.ContainsKey("parameters.adminPassword"), errors.ToJsonString());
        Assert.True(errors.ContainsKey("hardware.Processor"), errors.ToJsonString());
    }

    [Fact]
    public async Task Platforms_are_listed_for_every_signed_in_user()
    {
        using var client = await app.ClientAsync("approver@portal.local");

        var platforms = await client.GetFromJsonAsync<JsonArray>("/api/platforms", Token);

        Assert.Equal(7, platforms!.Count);
        Assert.Contains(platforms, p => (string)p!["technology"]! == "RedfishVirtualMedia");
    }

    [Theory]
    [InlineData("POST", "/api/images")]
    [InlineData("POST", "/api/images/" + DebianId + "/deprecate")]
    public async Task A_requester_cannot_write_to_the_library(string method, string path)
    {
        using var client = await app.ClientAsync("requester@portal.local");

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = new StringContent("{}", Encoding.UTF8, "application/json"),
        }, Token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    internal static JsonObject NewImage(string name) => JsonNode.Parse(JsonSerializer.Serialize(new
    {
        name,
        version = "9.4",
        description = "Created through the API",
        hardware = new
        {
            requirements = new object[]
            {
                new { type = "Processor", quantity = 2 },
                new { type = "Memory", quantity = 4, unit = "GiB" },
                new { type = "Disk", quantity = 40, unit = "GiB" },
            },
        },
        software = new { family = "Linux", distribution = "AlmaLinux", version = "9.4" },
        artifacts = new object[]
        {
            new
            {
                id = Guid.NewGuid(), format = "Qcow2", sizeBytes = 1073741824, location = "file:///images/alma.qcow2",
                provenance = new { capturedFrom = "Virtual", sourceTechnology = "Kvm", sourceServer = "kvm-01", capturedAt = "2026-11-01T10:00:00Z" },
            },
        },
    }))!.AsObject();
}
