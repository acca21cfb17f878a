using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Portal.Web.Tests.Workflows;

namespace Portal.Web.Tests.Provisioning;

/// <summary>server-deployment end to end on the simulated datacenter, through the HTTP API.</summary>
public sealed class DeploymentApiTests(ProvisioningPortal portal) : IClassFixture<ProvisioningPortal>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_virtual_deployment_runs_every_step_and_keeps_its_host_share()
    {
        var id = await portal.DeployAsync(ProvisioningPortal.LinuxOrder(ProvisioningPortal.SimulatedVirtual, "Virtual", "web-virtual-01"));

        var deployment = await portal.WaitForDeploymentAsync(id, "Completed");

        var steps = deployment["steps"]!.AsArray();
        Assert.Equal(["CreateVirtualMachine", "WriteImage", "ConfigureSoftware", "PowerOn"], steps.Select(s => (string)s!["kind"]!));
        Assert.All(steps, s => Assert.Equal("Completed", (string?)s!["state"]));
        var server = deployment["server"]!;
        Assert.Equal("Running", (string?)server["status"]);
        Assert.Equal("web-virtual-01", (string?)server["name"]);
        var machine = await portal.Datacenter.MachineAsync("web-virtual-01", Token);
        Assert.True(machine is { Configured: true, PoweredOn: true }, "the simulated VM was configured and powered on");
        Assert.DoesNotContain(ProvisioningPortal.Secret, deployment.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_physical_deployment_waits_for_the_image_writers_callback_and_takes_the_smallest_server()
    {
        var id = await portal.DeployAsync(ProvisioningPortal.LinuxOrder(ProvisioningPortal.SimulatedBareMetal, "Physical", "web-metal-01"));

        var deployment = await portal.WaitForDeploymentAsync(id, "Completed");

        Assert.Equal(["AllocatePhysicalServer", "WriteImage", "ConfigureSoftware", "PowerOn"], deployment["steps"]!.AsArray().Select(s => (string)s!["kind"]!));
        Assert.Contains("image written", (string?)deployment["steps"]![1]!["detail"], StringComparison.Ordinal);
        var server = deployment["server"]!;
        Assert.Equal("Physical", (string?)server["kind"]);
        var used = await portal.Admin.GetFromJsonAsync<JsonArray>("/api/inventory/servers", Token);
        var taken = used!.Single(s => (string?)s!["id"] == (string?)server["physicalServerId"])!;
        Assert.Equal("InUse", (string?)taken["state"]);
        Assert.Equal("sim-bm-01", (string?)taken["name"]);
    }

    [Fact]
    public async Task A_missing_required_parameter_is_a_problem_keyed_by_the_parameter()
    {
        var response = await portal.Admin.PostAsJsonAsync("/api/deployments", new
        {
            imageId = ProvisioningPortal.Ubuntu, placement = "Virtual", parameters = new { adminUser = "ops" },
        }, Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>(Token);
        Assert.NotNull(problem!["errors"]!["parameters.hostname"]);
    }

    [Fact]
    public async Task An_unknown_resource_type_and_an_out_of_bounds_size_are_refused_per_field()
    {
        var response = await portal.Admin.PostAsJsonAsync("/api/deployments", new
        {
            imageId = ProvisioningPortal.Ubuntu, placement = "Virtual",
            hardware = new Dictionary<string, decimal> { ["Cpu"] = 4 },
            parameters = new { hostname = "web01", adminPassword = "x" },
        }, Token);
        var tooBig = await portal.Admin.PostAsJsonAsync("/api/deployments", ProvisioningPortal.LinuxOrder(
            ProvisioningPortal.SimulatedVirtual, "Virtual", "web-big", new Dictionary<string, decimal> { ["Processor"] = 500 }), Token);

        Assert.NotNull((await response.Content.ReadFromJsonAsync<JsonObject>(Token))!["errors"]!["hardware.Cpu"]);
        Assert.Equal(HttpStatusCode.BadRequest, tooBig.StatusCode);
        Assert.NotNull((await tooBig.Content.ReadFromJsonAsync<JsonObject>(Token))!["errors"]!["hardware.Processor"]);
    }

    [Fact]
    public async Task Requesters_cannot_deploy_directly_nor_see_another_users_deployment()
    {
        var id = await portal.DeployAsync(ProvisioningPortal.LinuxOrder(ProvisioningPortal.SimulatedVirtual, "Virtual", "web-private-01"));
        using var requester = await portal.SignedInAsync("requester@portal.local");

        var post = await requester.PostAsJsonAsync("/api/deployments", ProvisioningPortal.LinuxOrder(ProvisioningPortal.SimulatedVirtual, "Virtual", "x"), Token);
        var read = await requester.GetAsync($"/api/deployments/{id}", Token);
        var servers = await requester.GetFromJsonAsync<JsonArray>("/api/servers", Token);
        var inventory = await requester.GetAsync("/api/inventory/hosts", Token);

        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.DoesNotContain(servers!, s => (string?)s!["owner"] == "admin@portal.local");
        Assert.Equal(HttpStatusCode.Forbidden, inventory.StatusCode);
    }

    [Fact]
    public async Task A_servers_console_is_for_its_owner_only_and_a_platform_that_keeps_none_answers_no_content()
    {
        var id = await portal.DeployAsync(ProvisioningPortal.LinuxOrder(ProvisioningPortal.SimulatedVirtual, "Virtual", "web-console-01"));
        var server = (string)(await portal.WaitForDeploymentAsync(id, "Completed"))["server"]!["id"]!;
        using var requester = await portal.SignedInAsync("requester@portal.local");

        using var own = await portal.Admin.GetAsync($"/api/servers/{server}/console", Token);
        using var foreign = await requester.GetAsync($"/api/servers/{server}/console", Token);

        Assert.Equal(HttpStatusCode.NoContent, own.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
    }

    [Fact]
    public async Task Decommissioning_a_server_gives_its_host_share_back()
    {
        var before = await portal.HostAsync("sim-host-02");
        var id = await portal.DeployAsync(ProvisioningPortal.LinuxOrder(ProvisioningPortal.SimulatedVirtual, "Virtual", "web-gone-01"));
        var deployment = await portal.WaitForDeploymentAsync(id, "Completed");
        var serverId = (string)deployment["server"]!["id"]!;
        var hostName = (string?)deployment["server"]!["hostId"] == (string?)before["id"] ? "sim-host-02" : "sim-host-01";
        var during = await portal.HostAsync(hostName);

        var response = await portal.Admin.PostAsync($"/api/servers/{serverId}/decommission", null, Token);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var instanceId = (string)(await response.Content.ReadFromJsonAsync<JsonObject>(Token))!["instanceId"]!;
        await InstancePolling.WaitForStatusAsync(portal.Admin, instanceId, "Completed", Token);

        var after = await portal.HostAsync(hostName);
        Assert.True(ProvisioningPortal.Allocated(during, "vcpus") > ProvisioningPortal.Allocated(after, "vcpus"), "the VM's vCPUs went back to the host");
        var servers = await portal.Admin.GetFromJsonAsync<JsonArray>("/api/servers", Token);
        Assert.Equal("Decommissioned", (string?)servers!.Single(s => (string?)s!["id"] == serverId)!["status"]);
        Assert.Null(await portal.Datacenter.MachineAsync("web-gone-01", Token));
    }

    [Fact]
    public async Task A_windows_stack_gets_an_answer_file_and_its_computer_name()
    {
        var id = await portal.DeployAsync(new
        {
            imageId = ProvisioningPortal.WindowsServer, placement = "Virtual", platformId = ProvisioningPortal.SimulatedVirtual,
            parameters = new { computerName = "WIN-APP-01", adminPassword = ProvisioningPortal.Secret },
        });

        var deployment = await portal.WaitForDeploymentAsync(id, "Completed");

        Assert.Equal("WIN-APP-01", (string?)deployment["server"]!["machineName"]);
        var configured = (await portal.Datacenter.OperationsAsync(Token)).Single(o => o is { Step: "ConfigureSoftware", Machine: "WIN-APP-01", Succeeded: true });
        Assert.Contains("Autounattend.xml", configured.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(ProvisioningPortal.Secret, string.Join("\n", (await portal.Datacenter.OperationsAsync(Token)).Select(o => o.Detail)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_image_in_a_format_the_platform_cannot_run_is_converted_first_and_the_conversion_joins_the_library_with_its_lineage()
    {
        var rocky = "1d0c0000-0000-4000-8000-000000000008";
        var id = await portal.DeployAsync(new
        {
            imageId = rocky, placement = "Virtual", platformId = ProvisioningPortal.SimulatedVirtual,
            parameters = new { hostname = "rocky-lab-01", adminPassword = ProvisioningPortal.Secret },
        });

        var deployment = await portal.WaitForDeploymentAsync(id, "Completed");

        Assert.Equal("ConvertArtifact", (string?)deployment["steps"]![0]!["kind"]);
        Assert.Equal("Completed", (string?)deployment["steps"]![0]!["state"]);
        var image = await portal.Admin.GetFromJsonAsync<JsonObject>($"/api/images/{rocky}", TestContext.Current.CancellationToken);
        var converted = image!["artifacts"]!.AsArray().Single(a => a!["convertedFrom"] is not null)!;
        Assert.Equal("2f000000-0000-4000-8000-000000000009", (string?)converted["convertedFrom"]);
        Assert.Equal("Vdi", (string?)image["artifacts"]![0]!["format"]);
        Assert.NotEqual("Vdi", (string?)converted["format"]);
        Assert.Equal((string?)converted["format"], (string?)deployment["server"]!["diskFormat"]);
    }
}
