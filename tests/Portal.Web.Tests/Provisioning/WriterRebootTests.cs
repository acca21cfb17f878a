using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Portal.Provisioning.Deployments;
using Portal.Provisioning.Simulation;

namespace Portal.Web.Tests.Provisioning;

/// <summary>
/// A bare-metal write whose image writer never called back (the server hung, or the callback was lost while the
/// database was down) is booted again when the write step runs again with the same key after the callback window
/// (<see cref="WriterWindowTests"/>: within it, a re-run boots nothing).
/// </summary>
public sealed class WriterRebootTests(WriterRebootTests.ShortWindowPortal portal) : IClassFixture<WriterRebootTests.ShortWindowPortal>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>The portal with a one-second writer callback window.</summary>
    public sealed class ShortWindowPortal() : ProvisioningPortal(new Dictionary<string, string?> { ["Portal:Provisioning:WriterCallbackWindow"] = "00:00:01" });

    [Fact]
    public async Task A_write_run_again_after_its_writer_never_called_back_boots_the_writer_again_and_the_deployment_completes()
    {
        portal.Datacenter.FailNext(SimulatedStep.ImageWriterCallback, 1);
        var id = Guid.Parse(await portal.DeployAsync(ProvisioningPortal.LinuxOrder(ProvisioningPortal.SimulatedBareMetal, "Physical", "rebooted-writer-01")));
        var machine = await WaitForAbandonedWriterAsync(portal, id);
        string key;
        await using (var scope = portal.Factory.Services.CreateAsyncScope())
        {
            key = (await scope.ServiceProvider.GetRequiredService<IWriterSessionStore>().FindAsync(id, Token))!.WriteKey;
        }

        // The engine delivers the write again with its key (a re-run after a crash or an outage), once the window has passed.
        await Task.Delay(TimeSpan.FromSeconds(1.2), Token);
        await using (var scope = portal.Factory.Services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<Provisioner>().DeployImageAsync(id, key, Token));
        }

        var deployment = await portal.WaitForDeploymentAsync(id.ToString(), "Completed");
        await using (var scope = portal.Factory.Services.CreateAsyncScope())
        {
            var session = await scope.ServiceProvider.GetRequiredService<IWriterSessionStore>().FindAsync(id, Token);
            Assert.Equal((2, 1), (session!.Boots, session.Callbacks));
        }

        var operations = await portal.Datacenter.OperationsAsync(Token, machine);
        var boots = operations.Where(o => o is { Step: SimulatedStep.WriteImage, Succeeded: true, Redelivered: false }).ToList();
        Assert.Equal([key, $"{key}/boot-2"], boots.Select(o => o.Key));
        Assert.Single(operations, o => o is { Step: SimulatedStep.ImageWriterCallback, Succeeded: true });
        Assert.Equal("Completed", (string?)deployment["steps"]!.AsArray().Single(s => (string?)s!["kind"] == "WriteImage")!["state"]);
    }

    /// <summary>Waits until the simulated writer booted for the deployment gave up without calling back; returns its machine.</summary>
    internal static async Task<string> WaitForAbandonedWriterAsync(ProvisioningPortal portal, Guid id)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var deployment = await portal.Admin.GetFromJsonAsync<JsonObject>($"/api/deployments/{id}", Token);
            if (deployment!["server"]?["machineName"] is JsonValue name)
            {
                var machine = (string)name!;
                if ((await portal.Datacenter.OperationsAsync(Token, machine)).Any(o => o is { Step: SimulatedStep.ImageWriterCallback, Succeeded: false }))
                {
                    return machine;
                }
            }

            await Task.Delay(100, Token);
        }

        throw new Xunit.Sdk.XunitException($"The writer of deployment {id} was never given up.");
    }
}
