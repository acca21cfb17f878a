using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Portal.Provisioning.Simulation;
using Portal.Workflows.Definitions;
using Portal.Workflows.Persistence;

namespace Portal.Web.Tests.Provisioning;

/// <summary>
/// A bare-metal server that never boots into the image writer: the deployment's wait times out, the server's
/// reservation is released but the server is marked Failed (it did not boot), and the deployment ends Failed.
/// The shipped wait is an hour; this portal publishes a version 2 of server-deployment that waits one second
/// (as an admin would edit it), which new deployments use.
/// </summary>
public sealed class WriterTimeoutTests(ProvisioningPortal portal) : IClassFixture<ProvisioningPortal>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_writer_that_never_calls_back_times_out_releases_the_server_and_marks_it_failed()
    {
        var shipped = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "workflows", "server-deployment.json"), Token))!;
        var wait = shipped["activities"]!.AsArray().Single(a => (string?)a!["id"] == "waitCallback")!;
        wait["inputs"]!["timeout"] = new JsonObject { ["value"] = "00:00:01" };
        await using (var scope = portal.Factory.Services.CreateAsyncScope())
        {
            var parsed = await WorkflowDefinitionJson.ParseAsync(new MemoryStream(Encoding.UTF8.GetBytes(shipped.ToJsonString())), Token);
            var definitions = scope.ServiceProvider.GetRequiredService<WorkflowDefinitions>();
            await definitions.SaveDraftAsync(parsed.Value, "test", Token);
            Assert.True((await definitions.PublishAsync("server-deployment", "test", Token)).IsValid);
        }

        portal.Datacenter.FailNext(SimulatedStep.ImageWriterCallback, 1);
        var id = await portal.DeployAsync(ProvisioningPortal.LinuxOrder(ProvisioningPortal.SimulatedBareMetal, "Physical", "never-boots-01"));
        var failed = await portal.WaitForDeploymentAsync(id, "Failed");

        Assert.Contains("did not call back within 00:00:01", (string?)failed["error"], StringComparison.Ordinal);
        Assert.Equal("Failed", (string?)failed["steps"]!.AsArray().Single(s => (string?)s!["kind"] == "WriteImage")!["state"]);
        var server = await portal.InventoryServerAsync("sim-bm-01");
        Assert.Equal(("Failed", null), ((string?)server["state"], (string?)server["reservationId"]));
    }
}
