using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Portal.Web.Tests.Workflows;

namespace Portal.Web.Tests.Provisioning;

/// <summary>image-capture and server-migration (P2V) to completion on the simulated datacenter (server-provisioning: the request tests).</summary>
public sealed class ServerWorkflowTests(ProvisioningPortal portal) : IClassFixture<ProvisioningPortal>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Capturing_a_virtual_server_makes_a_draft_image_with_the_servers_hardware_and_lineage()
    {
        var server = await DeployedAsync(ProvisioningPortal.SimulatedVirtual, "Virtual", "capture-vm-01");

        var response = await portal.Admin.PostAsJsonAsync($"/api/servers/{server["id"]}/capture", new { name = "Golden web VM" }, Token);
        var instance = await StartedAsync(response);
        var done = await InstancePolling.WaitForStatusAsync(portal.Admin, instance, "Completed", Token);

        Assert.Equal($"/api/images/{done["variables"]!["imageId"]}", response.Headers.Location?.OriginalString);
        var image = await portal.Admin.GetFromJsonAsync<JsonObject>($"/api/images/{done["variables"]!["imageId"]}", Token);
        Assert.Equal("Golden web VM", (string?)image!["name"]);
        Assert.Equal("Draft", (string?)image["lifecycle"]);
        var provenance = image["artifacts"]![0]!["provenance"]!;
        Assert.Equal("Virtual", (string?)provenance["capturedFrom"]);
        Assert.Equal("capture-vm-01", (string?)provenance["sourceServer"]);
        Assert.Equal(
            server["resources"]!.AsArray().Select(r => (decimal)r!["amount"]!["value"]!),
            image["hardware"]!["requirements"]!.AsArray().Select(r => (decimal)r!["quantity"]!));
        Assert.True((await portal.Datacenter.MachineAsync("capture-vm-01", Token))!.PoweredOn, "the server runs again after its capture");
    }

    [Fact]
    public async Task Migrating_a_physical_server_to_a_vm_gives_the_vm_the_captured_hardware_and_retires_the_server()
    {
        var physical = await DeployedAsync(ProvisioningPortal.SimulatedBareMetal, "Physical", "p2v-01");
        var facts = await portal.InventoryServerAsync("sim-bm-02") is var candidate && (string?)candidate["id"] == (string?)physical["physicalServerId"]
            ? candidate
            : (await portal.Admin.GetFromJsonAsync<JsonArray>("/api/inventory/servers", Token))!.Single(s => (string?)s!["id"] == (string?)physical["physicalServerId"])!.AsObject();

        var instance = await StartedAsync(await portal.Admin.PostAsJsonAsync(
            $"/api/servers/{physical["id"]}/migrate", new { placement = "Virtual", platformId = ProvisioningPortal.SimulatedVirtual }, Token));
        var done = await InstancePolling.WaitForStatusAsync(portal.Admin, instance, "Completed", Token);

        var captured = await portal.Admin.GetFromJsonAsync<JsonObject>($"/api/images/{done["variables"]!["imageId"]}", Token);
        var vm = await portal.WaitForDeploymentAsync((string)done["variables"]!["deploymentId"]!, "Completed");
        var template = captured!["hardware"]!["requirements"]!.AsArray();
        var vmResources = vm["server"]!["resources"]!.AsArray();
        Assert.Equal("Physical", (string?)captured["artifacts"]![0]!["provenance"]!["capturedFrom"]);
        Assert.Equal("Virtual", (string?)vm["server"]!["kind"]);
        Assert.Equal(template.Count, vmResources.Count);
        foreach (var (requirement, resource) in template.Zip(vmResources))
        {
            Assert.Equal((string?)requirement!["type"], (string?)resource!["type"]);
            Assert.Equal((decimal)requirement["quantity"]!, (decimal)resource["amount"]!["value"]!);
            Assert.Equal((string?)requirement["unit"] ?? "Count", (string?)resource["amount"]!["unit"]);
        }

        Assert.Equal((long)facts["cpuCores"]!, (long)(decimal)template[0]!["quantity"]!);
        Assert.Equal("p2v-01", (string?)vm["server"]!["name"]);
        var servers = await portal.Admin.GetFromJsonAsync<JsonArray>("/api/servers", Token);
        Assert.Equal("Decommissioned", (string?)servers!.Single(s => (string?)s!["id"] == (string?)physical["id"])!["status"]);
        Assert.Equal("Available", (string?)(await portal.Admin.GetFromJsonAsync<JsonArray>("/api/inventory/servers", Token))!
            .Single(s => (string?)s!["id"] == (string?)physical["physicalServerId"])!["state"]);
    }

    private async Task<JsonObject> DeployedAsync(Guid platform, string placement, string hostname)
    {
        var id = await portal.DeployAsync(ProvisioningPortal.LinuxOrder(platform, placement, hostname));
        return (await portal.WaitForDeploymentAsync(id, "Completed"))["server"]!.AsObject();
    }

    private static async Task<string> StartedAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{response.StatusCode}: {body}");
        return (string)JsonNode.Parse(body)!["instanceId"]!;
    }
}
