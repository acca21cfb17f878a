using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Portal.Provisioning.Boot;
using Portal.Provisioning.Simulation;

namespace Portal.Web.Tests.Provisioning;

/// <summary>
/// Failures on the simulated datacenter: a step that fails once is retried by the workflow's policy; one that
/// keeps failing leaves the deployment Failed and retryable; no capacity and a failed image write end it
/// visibly and give back what was reserved. Faults are injected per test (tests of one class run one by one).
/// </summary>
public sealed class DeploymentFailureTests(ProvisioningPortal portal) : IClassFixture<ProvisioningPortal>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_write_that_fails_once_is_retried_and_the_deployment_completes()
    {
        portal.Datacenter.FailNext(SimulatedStep.WriteImage, 1);

        var id = await portal.DeployAsync(ProvisioningPortal.LinuxOrder(ProvisioningPortal.SimulatedVirtual, "Virtual", "retry-once-01"));
        var deployment = await portal.WaitForDeploymentAsync(id, "Completed");

        var instance = await portal.Admin.GetFromJsonAsync<JsonObject>($"/api/workflow-instances/{deployment["instanceId"]}", Token);
        var writes = instance!["journal"]!.AsArray().Where(e => (string?)e!["activityId"] == "deployVirtual").Select(e => (string?)e!["event"]).ToList();
        Assert.Equal(["Faulted", "Completed"], writes.Where(e => e is "Faulted" or "Completed"));
        Assert.Single(instance["incidents"]!.AsArray());
    }

    [Fact]
    public async Task A_step_that_keeps_failing_leaves_the_deployment_failed_and_an_admin_retry_finishes_it()
    {
        portal.Datacenter.FailNext(SimulatedStep.ConfigureSoftware, 3);

        var id = await portal.DeployAsync(ProvisioningPortal.LinuxOrder(ProvisioningPortal.SimulatedVirtual, "Virtual", "retry-admin-01"));
        var failed = await portal.WaitForDeploymentAsync(id, "Failed");

        Assert.True((bool)failed["retryable"]!);
        Assert.Contains("ConfigureSoftware failed", (string?)failed["error"], StringComparison.Ordinal);
        Assert.Equal("Failed", (string?)failed["steps"]!.AsArray().Single(s => (string?)s!["kind"] == "ConfigureSoftware")!["state"]);

        var retry = await portal.Admin.PostAsync($"/api/deployments/{id}/retry", null, Token);
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        await portal.WaitForDeploymentAsync(id, "Completed");
    }

    [Fact]
    public async Task Cancelling_a_failed_deployment_deletes_its_vm_and_releases_its_host_share()
    {
        var before = await HostsTotalAsync();
        portal.Datacenter.FailNext(SimulatedStep.Power, 3);
        var id = await portal.DeployAsync(ProvisioningPortal.LinuxOrder(ProvisioningPortal.SimulatedVirtual, "Virtual", "cancel-me-01"));
        await portal.WaitForDeploymentAsync(id, "Failed");
        Assert.NotEqual(before, await HostsTotalAsync());

        var cancel = await portal.Admin.PostAsync($"/api/deployments/{id}/cancel", null, Token);

        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        await portal.WaitForDeploymentAsync(id, "Cancelled");
        Assert.Equal(before, await HostsTotalAsync());
        Assert.Null(await portal.Datacenter.MachineAsync("cancel-me-01", Token));
        // Its host name is free for the next server.
        var again = await portal.DeployAsync(ProvisioningPortal.LinuxOrder(ProvisioningPortal.SimulatedVirtual, "Virtual", "cancel-me-01"));
        await portal.WaitForDeploymentAsync(again, "Completed");
    }

    [Fact]
    public async Task Cancelling_a_failed_bare_metal_deployment_leaves_one_server_record_decommissioned_and_the_machine_free_for_the_next()
    {
        portal.Datacenter.FailNext(SimulatedStep.Power, 3);
        var id = await portal.DeployAsync(ProvisioningPortal.LinuxOrder(ProvisioningPortal.SimulatedBareMetal, "Physical", "cancel-metal-01"));
        await portal.WaitForDeploymentAsync(id, "Failed");

        var cancel = await portal.Admin.PostAsync($"/api/deployments/{id}/cancel", null, Token);

        // The request only asks the engine; the worker settles every record.
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        await portal.WaitForDeploymentAsync(id, "Cancelled");
        var servers = (await portal.Admin.GetFromJsonAsync<JsonArray>("/api/servers", Token))!
            .Where(s => (string?)s!["deploymentId"] == id).ToList();
        var server = Assert.Single(servers);
        Assert.Equal("Decommissioned", (string?)server!["status"]);

        // The machine went back to the pool and the name is free: the same order completes, and the list shows one live server for it.
        var again = await portal.DeployAsync(ProvisioningPortal.LinuxOrder(ProvisioningPortal.SimulatedBareMetal, "Physical", "cancel-metal-01"));
        var completed = await portal.WaitForDeploymentAsync(again, "Completed");
        var live = (await portal.Admin.GetFromJsonAsync<JsonArray>("/api/servers", Token))!
            .Where(s => string.Equals((string?)s!["name"], "cancel-metal-01", StringComparison.OrdinalIgnoreCase) && (string?)s["status"] != "Decommissioned");
        Assert.Single(live);
        await portal.DecommissionAsync(completed);
    }

    [Fact]
    public async Task A_host_name_a_live_server_bears_is_refused_for_a_direct_deployment_too()
    {
        var id = await portal.DeployAsync(ProvisioningPortal.LinuxOrder(ProvisioningPortal.SimulatedVirtual, "Virtual", "twin-01"));
        await portal.WaitForDeploymentAsync(id, "Completed");

        var twin = await portal.Admin.PostAsJsonAsync("/api/deployments", ProvisioningPortal.LinuxOrder(ProvisioningPortal.SimulatedBareMetal, "Physical", "TWIN-01"), Token);

        Assert.Equal(HttpStatusCode.BadRequest, twin.StatusCode);
        Assert.Contains("in use", (await twin.Content.ReadFromJsonAsync<JsonObject>(Token))!["errors"]!["parameters.hostname"]![0]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_capacity_ends_the_deployment_with_every_reason_and_a_retry_succeeds_once_there_is_room()
    {
        var hosts = (await portal.Admin.GetFromJsonAsync<JsonArray>("/api/inventory/hosts", Token))!
            .Where(h => (string?)h!["platformId"] == ProvisioningPortal.SimulatedVirtual.ToString()).Select(h => (string)h!["id"]!).ToList();
        foreach (var host in hosts)
        {
            Assert.Equal(HttpStatusCode.OK, (await portal.Admin.PostAsync($"/api/inventory/hosts/{host}/maintenance", null, Token)).StatusCode);
        }

        var id = await portal.DeployAsync(ProvisioningPortal.LinuxOrder(ProvisioningPortal.SimulatedVirtual, "Virtual", "no-room-01"));
        var failed = await portal.WaitForDeploymentAsync(id, "Failed");
        foreach (var host in hosts)
        {
            await portal.Admin.DeleteAsync($"/api/inventory/hosts/{host}/maintenance", Token);
        }

        Assert.StartsWith("No capacity: ", (string?)failed["error"], StringComparison.Ordinal);
        Assert.Contains("sim-host-01: it is in maintenance", (string?)failed["error"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, (await portal.Admin.PostAsync($"/api/deployments/{id}/retry", null, Token)).StatusCode);
        await portal.WaitForDeploymentAsync(id, "Completed");
    }

    [Fact]
    public async Task A_failed_image_write_on_bare_metal_ends_the_deployment_and_takes_the_server_out_of_the_pool_until_an_admin_looks()
    {
        portal.Datacenter.FailNext(SimulatedStep.ImageWriter, 1);

        var id = await portal.DeployAsync(ProvisioningPortal.LinuxOrder(ProvisioningPortal.SimulatedBareMetal, "Physical", "metal-fails-01"));
        var failed = await portal.WaitForDeploymentAsync(id, "Failed");

        Assert.Contains("found no disk to write to", (string?)failed["error"], StringComparison.Ordinal);
        var physicalId = (string?)failed["server"]!["physicalServerId"];
        var servers = await portal.Admin.GetFromJsonAsync<JsonArray>("/api/inventory/servers", Token);
        var server = servers!.Single(s => (string?)s!["id"] == physicalId)!;
        Assert.Equal("Failed", (string?)server["state"]);
        Assert.Null(server["reservationId"]);
        Assert.Equal(HttpStatusCode.OK, (await portal.Admin.DeleteAsync($"/api/inventory/servers/{physicalId}/maintenance", Token)).StatusCode);
        Assert.Equal("Available", (string?)(await portal.InventoryServerAsync((string)server["name"]!))["state"]);
    }

    [Fact]
    public async Task A_deployment_retried_after_a_failed_write_runs_on_its_new_reservation_and_gives_it_back_when_decommissioned()
    {
        portal.Datacenter.FailNext(SimulatedStep.ImageWriter, 1);
        var id = await portal.DeployAsync(ProvisioningPortal.LinuxOrder(ProvisioningPortal.SimulatedBareMetal, "Physical", "metal-retry-01"));
        await portal.WaitForDeploymentAsync(id, "Failed");

        Assert.Equal(HttpStatusCode.Accepted, (await portal.Admin.PostAsync($"/api/deployments/{id}/retry", null, Token)).StatusCode);
        var done = await portal.WaitForDeploymentAsync(id, "Completed");
        var physicalId = (string?)done["server"]!["physicalServerId"];
        await portal.DecommissionAsync(done);

        Assert.Equal("Running", (string?)done["server"]!["status"]);
        var servers = await portal.Admin.GetFromJsonAsync<JsonArray>("/api/inventory/servers", Token);
        Assert.Equal("Available", (string?)servers!.Single(s => (string?)s!["id"] == physicalId)!["state"]);
    }

    [Fact]
    public async Task The_image_writer_fetches_its_script_with_the_deployments_token_and_its_callback_resumes_the_deployment()
    {
        portal.Datacenter.FailNext(SimulatedStep.ImageWriterCallback, 1);
        var id = await portal.DeployAsync(ProvisioningPortal.LinuxOrder(ProvisioningPortal.SimulatedBareMetal, "Physical", "metal-callback-01"));
        await portal.WaitForStepAsync(id, "WriteImage", "Running");
        var token = portal.Factory.Services.GetRequiredService<BootTokens>().Issue(Guid.Parse(id), TimeSpan.FromMinutes(5));
        using var machine = portal.Factory.CreateClient();

        var script = await machine.GetStringAsync($"/api/boot/{token}/script", Token);
        var forged = await machine.GetAsync($"/api/boot/{token[..^2]}xx/script", Token);
        var callback = await ProvisioningPortal.CallBackAsync(machine, token);

        Assert.StartsWith("#!ipxe", script, StringComparison.Ordinal);
        Assert.Contains($"/api/boot/", script, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        // The first answer the writer can stop on: 202 when this call resumed the deployment; 200 "a repeat" when a
        // 503 before it had recorded the report and this call handed it over.
        Assert.True(callback.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK, $"the callback was answered {callback.StatusCode}");
        Assert.Equal("written by the test", (string?)(await callback.Content.ReadFromJsonAsync<JsonObject>(Token))!["recordedMessage"]);
        var deployment = await portal.WaitForDeploymentAsync(id, "Completed");
        Assert.Equal("written by the test", (string?)deployment["steps"]!.AsArray().Single(s => (string?)s!["kind"] == "WriteImage")!["detail"]);
        // A repeat is answered with what was recorded first, and runs nothing again.
        var late = await machine.PostAsJsonAsync($"/api/boot/{token}/callback", new { succeeded = false, message = "late" }, Token);
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        var receipt = await late.Content.ReadFromJsonAsync<JsonObject>(Token);
        Assert.Equal(("AlreadyRecorded", true, "written by the test"), ((string?)receipt!["receipt"], (bool?)receipt["recordedSucceeded"], (string?)receipt["recordedMessage"]));
        Assert.Equal("Completed", (string?)(await portal.WaitForDeploymentAsync(id, "Completed"))["status"]);
        await portal.DecommissionAsync(deployment);
    }

    private async Task<long> HostsTotalAsync()
    {
        var hosts = await portal.Admin.GetFromJsonAsync<JsonArray>("/api/inventory/hosts", Token);
        return hosts!.Sum(h => ProvisioningPortal.Allocated(h!.AsObject(), "vcpus"));
    }
}
