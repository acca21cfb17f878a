using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Portal.Provisioning.Deployments;
using Portal.Web.Tests.Workflows;
using Portal.Workflows.Hosting;

namespace Portal.Web.Tests.Provisioning;

/// <summary>image-capture, server-migration (P2V) and server-provisioning to completion on the simulated datacenter.</summary>
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
        Assert.True(portal.Datacenter.Machine("capture-vm-01")!.PoweredOn, "the server runs again after its capture");
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

    [Fact]
    public async Task Server_provisioning_deploys_after_an_approver_approves_and_releases_on_rejection()
    {
        var approved = await RequestAsync("req-approved-01");
        var rejected = await RequestAsync("req-rejected-01");

        await DecideAsync(approved.InstanceId, "Approved");
        await DecideAsync(rejected.InstanceId, "Rejected");

        var parent = await InstancePolling.WaitForStatusAsync(portal.Admin, approved.InstanceId, "Completed", Token);
        Assert.True((bool)parent["variables"]!["succeeded"]!);
        var child = parent["children"]!.AsArray().Single()!;
        Assert.Equal("deploy", (string?)child["activityId"]);
        var childRun = await portal.Admin.GetFromJsonAsync<JsonObject>($"/api/workflow-instances/{child["instanceId"]}", Token);
        Assert.Equal(("server-deployment", approved.InstanceId), ((string?)childRun!["definitionId"], (string?)childRun["parentInstanceId"]));
        await portal.WaitForDeploymentAsync(approved.DeploymentId.ToString(), "Completed");
        await InstancePolling.WaitForStatusAsync(portal.Admin, rejected.InstanceId, "Completed", Token);
        var refused = await portal.WaitForDeploymentAsync(rejected.DeploymentId.ToString(), "Failed");
        Assert.Equal("The request was rejected.", (string?)refused["error"]);
        Assert.Null(refused["server"]);
    }

    [Fact]
    public async Task A_requester_cannot_approve_their_own_request()
    {
        var request = await RequestAsync("req-self-01", requestedBy: "approver@portal.local");

        await DecideAsync(request.InstanceId, "Approved", user: "approver@portal.local");

        var instance = await portal.Admin.GetFromJsonAsync<JsonObject>($"/api/workflow-instances/{request.InstanceId}", Token);
        Assert.Equal("Suspended", (string?)instance!["status"]);
        Assert.Equal("Pending", (string?)(await portal.Admin.GetFromJsonAsync<JsonObject>($"/api/deployments/{request.DeploymentId}", Token))!["status"]);
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

    /// <summary>What the request flow (the journey issue's pages) will do: record the deployment, start server-provisioning for it.</summary>
    private async Task<(Guid DeploymentId, string InstanceId)> RequestAsync(string hostname, string requestedBy = "requester@portal.local")
    {
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<Provisioner>().CreateAsync(new DeploymentOrder
        {
            ImageId = ProvisioningPortal.Ubuntu,
            Placement = Portal.Domain.Inventory.Placement.Virtual,
            PlatformId = ProvisioningPortal.SimulatedVirtual,
            Parameters = new Dictionary<string, string?> { ["hostname"] = hostname, ["adminPassword"] = ProvisioningPortal.Secret },
            RequestedBy = requestedBy,
        }, Token);
        Assert.True(created.IsValid, string.Join("; ", created.Errors.Select(e => e.Message)));
        var started = await scope.ServiceProvider.GetRequiredService<WorkflowEngine>().StartAsync(
            ProvisioningWorkflows.Provisioning,
            new JsonObject { ["deploymentId"] = created.Value.Id.ToString(), ["requestedBy"] = requestedBy },
            created.Value.Id.ToString(), Token);
        Assert.True(started.IsValid);
        await InstancePolling.WaitForStatusAsync(portal.Admin, started.Value.InstanceId, "Suspended", Token);
        return (created.Value.Id, started.Value.InstanceId);
    }

    private async Task DecideAsync(string instanceId, string outcome, string user = "approver@portal.local")
    {
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        var instance = await portal.Admin.GetFromJsonAsync<JsonObject>($"/api/workflow-instances/{instanceId}", Token);
        var bookmark = (string)instance!["bookmarks"]!.AsArray().Single(b => (string?)b!["name"] == "UserTask")!["id"]!;
        await scope.ServiceProvider.GetRequiredService<WorkflowEngine>().ResumeAsync(
            instanceId, bookmark, new JsonObject { ["user"] = user, ["roles"] = new JsonArray("Approver"), ["outcome"] = outcome }, Token);
        await Task.Delay(300, Token);
    }
}
