using Portal.Testing;

namespace Portal.Web.Tests.Chaos;

/// <summary>
/// Two real portal processes on one PostgreSQL database, as one datacenter seen from two nodes: every deployment
/// completes and every side effect acted once, counted in the simulated datacenter's own log. With no node dying and
/// the database always up, no step is ever asked of the datacenter twice, not even as a re-delivery.
/// </summary>
[Collection(nameof(ChaosCollection))]
public sealed class TwoNodeTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Fifty_deployments_across_two_nodes_all_complete_and_every_side_effect_acts_once()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync(Token);
        await using var cluster = await ChaosCluster.StartAsync(database.ConnectionString, nodes: 2);
        await cluster.AddCapacityAsync(servers: 25, hosts: 4);

        var submitted = DateTimeOffset.UtcNow;
        var ids = await cluster.DeployBatchAsync("chaos-a", 50);
        var submittedAll = DateTimeOffset.UtcNow;
        var ended = await cluster.WaitAllEndedAsync(ids, TimeSpan.FromMinutes(5));

        var result = await cluster.ResultAsync("a) 50 across two nodes", ids, ended - submittedAll, "the last submission");
        result.Report();
        Assert.Equal(50, result.Completed);
        Assert.Empty(await cluster.RanTwiceAsync());
        // Nothing was interrupted, so no step may have been asked again: a re-delivery here is a step run twice by the
        // engine (a lost commit, a lease taken over), which the driver's key only happened to absorb.
        Assert.Empty(await cluster.RedeliveriesAsync());
        Assert.Empty(await cluster.UnexpectedActsAsync(ids));
        Assert.Empty(await cluster.LeaksAsync());
        var operations = await cluster.OperationsAsync();
        Assert.All(cluster.Nodes, node => Assert.Contains(operations, o => node.Owns(o.Node)));
        Assert.True(submitted < ended);
    }

    [Fact]
    public async Task A_vm_created_through_one_node_is_written_and_powered_on_through_the_other()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync(Token);
        // The first node writes so slowly that it dies in the middle of the write; the second one has never seen the VM.
        await using var cluster = await ChaosCluster.StartAsync(database.ConnectionString, nodes: 0);
        var first = await cluster.AddNodeAsync(new Dictionary<string, string> { ["Portal:Provisioning:Simulation:SlowSteps:WriteImage"] = "600000" });
        var id = await cluster.DeployAsync(0, physical: false, "chaos-d-01");
        await cluster.WaitForActAsync(o => o is { Step: "CreateVirtualMachine", Machine: "chaos-d-01" } && first.Owns(o.Node),
            TimeSpan.FromSeconds(60), "the first node creating chaos-d-01");
        first.Kill();
        var killed = DateTimeOffset.UtcNow;
        var interrupted = (await cluster.InFlightAsync()).Where(s => first.Owns(s.Owner)).ToList();

        var second = await cluster.AddNodeAsync();
        var ended = await cluster.WaitAllEndedAsync([id], TimeSpan.FromMinutes(4));

        (await cluster.ResultAsync("d) VM across nodes", [id], ended - killed, "the kill", interrupted.Count)).Report();
        Assert.Equal("Completed", (await cluster.StatesAsync([id]))[id]);
        var acts = (await cluster.OperationsAsync()).Where(o => o.Machine == "chaos-d-01" && o.Succeeded && !o.Redelivered && o.Step != "AddressLease").ToList();
        Assert.Equal(["CreateVirtualMachine", "WriteImage", "ConfigureSoftware", "Power"], acts.Select(o => o.Step));
        Assert.True(first.Owns(acts[0].Node), $"created through the first node: {acts[0].Node}");
        Assert.All(acts.Skip(1), o => Assert.True(second.Owns(o.Node), $"{o.Step} through the second node: {o.Node}"));
        var redeliveries = await cluster.RedeliveriesAsync();
        Assert.True(redeliveries.Count <= interrupted.Count,
            $"{redeliveries.Count} re-deliveries, but only {interrupted.Count} steps were in flight at the kill: {string.Join("; ", redeliveries)}");
        Assert.Empty(await cluster.LeaksAsync());
    }
}
