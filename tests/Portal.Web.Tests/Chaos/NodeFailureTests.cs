using Portal.Testing;

namespace Portal.Web.Tests.Chaos;

/// <summary>
/// Two real portal processes, then a crash: one node is killed (SIGKILL) in the middle of a batch of side-effecting
/// steps, or the database is stopped under load. Everything still completes, soon, and nothing acts twice, counted in
/// the simulated datacenter's own log. These rest on the engine's short, renewed leases and per-step commits.
/// </summary>
[Collection(nameof(ChaosCollection))]
public sealed class NodeFailureTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_node_killed_in_the_middle_of_a_batch_leaves_the_survivor_to_finish_within_30_seconds_and_nothing_runs_twice()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync(Token);
        // ConfigureSoftware takes 3 s, so each node is always in the middle of several when the kill comes.
        await using var cluster = await ChaosCluster.StartAsync(database.ConnectionString, nodes: 2,
            new Dictionary<string, string> { ["Portal:Provisioning:Simulation:SlowSteps:ConfigureSoftware"] = "3000" });
        await cluster.AddCapacityAsync(servers: 10, hosts: 2);
        var victim = cluster.Nodes[0];

        var ids = await cluster.DeployBatchAsync("chaos-b", 20);
        await cluster.WaitForActAsync(o => o.Step == "ConfigureSoftware" && victim.Owns(o.Node), TimeSpan.FromSeconds(90),
            "the first node configuring a server");
        victim.Kill();
        var killed = DateTimeOffset.UtcNow;
        // The victim is dead, so the leases it still holds are exactly the steps it had started and will never commit.
        var interrupted = (await cluster.InFlightAsync()).Where(s => victim.Owns(s.Owner)).ToList();
        var ended = await cluster.WaitAllEndedAsync(ids, TimeSpan.FromMinutes(4));

        var result = await cluster.ResultAsync("b) SIGKILL of a node", ids, ended - killed, "the kill", interrupted.Count);
        result.Report();
        Assert.Equal(ids.Count, result.Completed);
        Assert.Empty(await cluster.RanTwiceAsync());
        Assert.Empty(await cluster.UnexpectedActsAsync(ids));
        Assert.Empty(await cluster.LeaksAsync());
        Assert.True(ended - killed <= TimeSpan.FromSeconds(30), $"the survivor finished {(ended - killed).TotalSeconds:0.0} s after the kill; at most 30 s");

        // The kill hit work in flight: the victim was in the middle of steps, and the survivor did what was left of them.
        Assert.True(interrupted.Count > 0, "The victim held no instance at the kill: the kill interrupted nothing, so this test proved nothing.");
        var operations = await cluster.OperationsAsync();
        Assert.True(interrupted.Any(s => operations.Any(o => o.Machine == s.Machine && o.At >= killed && !victim.Owns(o.Node))),
            $"None of the {interrupted.Count} steps in flight on the victim at the kill was taken over by the survivor: " +
            string.Join(", ", interrupted.Select(s => s.Machine ?? s.InstanceId)));

        // A re-delivery is legitimate only for one of those steps: its act done by the victim before the kill, its
        // commit lost with the victim, the survivor asking again after.
        var redeliveries = await cluster.RedeliveriesAsync();
        Assert.True(redeliveries.Count <= interrupted.Count,
            $"{redeliveries.Count} re-deliveries, but only {interrupted.Count} steps were in flight at the kill: {string.Join("; ", redeliveries)}");
        Assert.All(redeliveries, r => Assert.True(r.FirstNode is { } first && victim.Owns(first) && r.FirstAt < killed && r.At >= killed,
            $"Not a step interrupted by the kill: {r}"));
    }

    [Fact]
    public async Task The_database_stopped_for_8_seconds_under_load_every_deployment_completes_within_60_seconds_of_its_return()
    {
        await using var postgres = await OwnPostgres.StartAsync(Token);
        await postgres.CreateDatabaseAsync("portal_chaos", Token);
        await using var cluster = await ChaosCluster.StartAsync(postgres.ConnectionString("portal_chaos"), nodes: 2,
            new Dictionary<string, string> { ["Portal:Provisioning:Simulation:SlowSteps:ConfigureSoftware"] = "2000" });
        await cluster.AddCapacityAsync(servers: 10, hosts: 2);

        var ids = await cluster.DeployBatchAsync("chaos-c", 20);
        await cluster.WaitForActAsync(o => o.Step == "ConfigureSoftware", TimeSpan.FromSeconds(90), "a server being configured");
        await postgres.StopAsync(Token);
        var stopped = DateTimeOffset.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(8), Token);
        await postgres.StartAgainAsync(Token);
        var back = DateTimeOffset.UtcNow;
        var ended = await cluster.WaitAllEndedAsync(ids, TimeSpan.FromMinutes(4));

        // A step can be re-delivered only if its act committed before the stop and its own commit was lost to the
        // outage, so it was in flight at the stop: a node runs at most Concurrency steps at once.
        var inFlight = cluster.Nodes.Count * ChaosCluster.Concurrency;
        var result = await cluster.ResultAsync("c) PostgreSQL down 8 s", ids, ended - back, "the database's return", inFlight);
        result.Report();
        Assert.Equal(ids.Count, result.Completed);
        Assert.Empty(await cluster.RanTwiceAsync());
        Assert.Empty(await cluster.UnexpectedActsAsync(ids));
        Assert.Empty(await cluster.LeaksAsync());
        var redeliveries = await cluster.RedeliveriesAsync();
        Assert.True(redeliveries.Count <= inFlight,
            $"{redeliveries.Count} re-deliveries, more than the {inFlight} steps that can be in flight at the stop: {string.Join("; ", redeliveries)}");
        Assert.All(redeliveries, r => Assert.True(r.FirstAt < stopped && r.At >= stopped, $"Not a step interrupted by the outage: {r}"));
        Assert.All(cluster.Nodes, node => Assert.False(node.HasExited, $"{node.Name} survived the outage"));
        Assert.True(ended - back <= TimeSpan.FromSeconds(60), $"everything ended {(ended - back).TotalSeconds:0.0} s after the database came back; at most 60 s");
    }
}
