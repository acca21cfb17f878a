using Microsoft.Extensions.DependencyInjection;
using Portal.Provisioning.Deployments;
using Portal.Provisioning.Simulation;

namespace Portal.Web.Tests.Provisioning;

/// <summary>
/// Within the writer callback window (20 minutes by default) a re-run of a bare-metal write (a re-delivery after a
/// crash) waits for the writer already booted: the server is not booted a second time while its writer may still call.
/// </summary>
public sealed class WriterWindowTests(ProvisioningPortal portal) : IClassFixture<ProvisioningPortal>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_write_run_again_within_the_window_waits_for_the_writer_it_booted()
    {
        portal.Datacenter.FailNext(SimulatedStep.ImageWriterCallback, 1);
        var id = Guid.Parse(await portal.DeployAsync(ProvisioningPortal.LinuxOrder(ProvisioningPortal.SimulatedBareMetal, "Physical", "waited-writer-01")));
        var machine = await WriterRebootTests.WaitForAbandonedWriterAsync(portal, id);
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        var writers = scope.ServiceProvider.GetRequiredService<IWriterSessionStore>();
        var key = (await writers.FindAsync(id, Token))!.WriteKey;

        Assert.True(await scope.ServiceProvider.GetRequiredService<Provisioner>().DeployImageAsync(id, key, Token));

        var boots = (await portal.Datacenter.OperationsAsync(Token, machine)).Where(o => o is { Step: SimulatedStep.WriteImage, Redelivered: false }).ToList();
        Assert.Equal([key], boots.Select(o => o.Key));
        Assert.Equal((1, 0), ((await writers.FindAsync(id, Token))!.Boots, (await writers.FindAsync(id, Token))!.Callbacks));
    }
}
