using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Portal.Workflows.Definitions;
using Portal.Workflows.Persistence;
using Portal.Workflows.Runtime;

namespace Portal.Data.Tests;

/// <summary>The durable engine on a real SQLite file and a real PostgreSQL server.</summary>
public sealed class WorkflowEngineTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static ActivityNode Node(string id, string type, params (string Name, JsonNode? Value)[] inputs) =>
        new() { Id = id, Type = type, Inputs = inputs.ToDictionary(i => i.Name, i => InputValue.Literal(i.Value)) };

    private static Connection C(string from, string to, string outcome = "Done") => new(from, outcome, to);

    /// <summary>start → count a → wait for "go" → count b → end.</summary>
    private static readonly WorkflowDefinition Signalled = new()
    {
        Id = "signalled", Name = "Signalled",
        Activities = [Node("start", "Start"), Node("a", "Count"), Node("wait", "WaitForSignal", ("signal", "go")), Node("b", "Count"), Node("end", "End")],
        Connections = [C("start", "a"), C("a", "wait"), C("wait", "b"), C("b", "end")],
    };

    /// <summary>start → fork → (count a, count b, count c) → join → count d → end: four side effects per instance.</summary>
    private static readonly WorkflowDefinition Parallel = new()
    {
        Id = "parallel", Name = "Parallel",
        Activities = [Node("start", "Start"), Node("fork", "Fork"), Node("a", "Count"), Node("b", "Count"), Node("c", "Count"), Node("join", "Join"), Node("d", "Count")],
        Connections = [C("start", "fork"), C("fork", "a"), C("fork", "b"), C("fork", "c"), C("a", "join"), C("b", "join"), C("c", "join"), C("join", "d")],
    };

    private static readonly WorkflowDefinition Timed = new()
    {
        Id = "timed", Name = "Timed",
        Activities = [Node("start", "Start"), Node("pause", "Delay", ("duration", "00:10:00")), Node("after", "Count")],
        Connections = [C("start", "pause"), C("pause", "after")],
    };

    public static TheoryData<string> Providers => new() { "Sqlite", "PostgreSql" };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_suspended_instance_is_resumed_by_signal_name_and_correlation(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var counter = new ExecutionCounter();
        var node = new EngineNode(database, clock, "node-1", counter);
        await node.Definitions.PublishAsync(Signalled, "test", clock.GetUtcNow(), Token);

        var started = await node.Engine.StartAsync("signalled", null, "request-7", Token);
        await node.DrainAsync(Token);
        Assert.Equal(WorkflowStatus.Suspended, (await node.Instances.FindAsync(started.Value.InstanceId, Token))!.Status);

        Assert.True(await node.Engine.SignalAsync("go", "request-7", new JsonObject { ["ok"] = true }, Token));
        await node.DrainAsync(Token);

        var state = await node.Instances.FindAsync(started.Value.InstanceId, Token);
        Assert.Equal(WorkflowStatus.Completed, state!.Status);
        Assert.False(await node.Engine.SignalAsync("go", "request-7", null, Token), "A consumed bookmark must no longer be found by name.");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_resume_delivered_twice_runs_the_next_step_once(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var counter = new ExecutionCounter();
        var node = new EngineNode(database, clock, "node-1", counter);
        await node.Definitions.PublishAsync(Signalled, "test", clock.GetUtcNow(), Token);
        var id = (await node.Engine.StartAsync("signalled", null, "r", Token)).Value.InstanceId;
        await node.DrainAsync(Token);
        var bookmark = (await node.Instances.FindAsync(id, Token))!.Bookmarks.Single();

        await node.Engine.ResumeAsync(id, bookmark.Id, null, Token);
        await node.Engine.ResumeAsync(id, bookmark.Id, null, Token);
        await node.DrainAsync(Token);

        Assert.Equal(1, counter.Runs[$"{id}:b"]);
        Assert.Equal(WorkflowStatus.Completed, (await node.Instances.FindAsync(id, Token))!.Status);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_timer_fires_on_another_node_after_a_restart(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var counter = new ExecutionCounter();
        var before = new EngineNode(database, clock, "before-restart", counter);
        await before.Definitions.PublishAsync(Timed, "test", clock.GetUtcNow(), Token);
        var id = (await before.Engine.StartAsync("timed", null, null, Token)).Value.InstanceId;
        await before.DrainAsync(Token);

        var after = new EngineNode(database, clock, "after-restart", counter);
        clock.Advance(TimeSpan.FromMinutes(9));
        await after.DrainAsync(Token);
        Assert.Equal(WorkflowStatus.Suspended, (await after.Instances.FindAsync(id, Token))!.Status);

        clock.Advance(TimeSpan.FromMinutes(1));
        await after.DrainAsync(Token);

        Assert.Equal(WorkflowStatus.Completed, (await after.Instances.FindAsync(id, Token))!.Status);
        Assert.Equal(1, counter.Runs[$"{id}:after"]);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Work_claimed_by_a_node_that_died_is_picked_up_after_its_claim_expires(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var counter = new ExecutionCounter();
        var dead = new EngineNode(database, clock, "dead", counter);
        await dead.Definitions.PublishAsync(Parallel, "test", clock.GetUtcNow(), Token);
        var id = (await dead.Engine.StartAsync("parallel", null, null, Token)).Value.InstanceId;
        Assert.Single(await dead.Instances.ClaimAsync("dead", clock.GetUtcNow(), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(2), clock.GetUtcNow(), 10, Token));

        var survivor = new EngineNode(database, clock, "survivor", counter);
        await survivor.DrainAsync(Token);
        Assert.Equal(WorkflowStatus.Running, (await survivor.Instances.FindAsync(id, Token))!.Status);

        clock.Advance(TimeSpan.FromMinutes(3));
        await survivor.DrainAsync(Token);

        Assert.Equal(WorkflowStatus.Completed, (await survivor.Instances.FindAsync(id, Token))!.Status);
        Assert.All(["a", "b", "c", "d"], step => Assert.Equal(1, counter.Runs[$"{id}:{step}"]));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_node_whose_lease_was_taken_over_cannot_commit(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var counter = new ExecutionCounter();
        var slow = new EngineNode(database, clock, "slow", counter);
        await slow.Definitions.PublishAsync(Signalled, "test", clock.GetUtcNow(), Token);
        var id = (await slow.Engine.StartAsync("signalled", null, null, Token)).Value.InstanceId;
        var stale = (await slow.Instances.AcquireLeaseAsync(id, "slow", clock.GetUtcNow(), TimeSpan.FromSeconds(30), Token))!;

        clock.Advance(TimeSpan.FromMinutes(1));
        var fast = new EngineNode(database, clock, "fast", counter);
        var fresh = await fast.Instances.AcquireLeaseAsync(id, "fast", clock.GetUtcNow(), TimeSpan.FromSeconds(30), Token);
        Assert.NotNull(fresh);
        Assert.True(fresh.Fence > stale.Fence);

        stale.State.Variables["late"] = true;
        Assert.Equal([id], await slow.Instances.CommitAsync([new StepCommit(stale, stale.State, [], [], [])], Token));
        Assert.Empty(await fast.Instances.CommitAsync([new StepCommit(fresh, fresh.State, [], [], [])], Token));
        Assert.Null((await fast.Instances.FindAsync(id, Token))!.Variables["late"]);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Two_nodes_racing_over_the_same_instances_run_every_activity_exactly_once(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var counter = new ExecutionCounter();
        var setup = new EngineNode(database, clock, "setup", counter);
        await setup.Definitions.PublishAsync(Parallel, "test", clock.GetUtcNow(), Token);
        var ids = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            ids.Add((await setup.Engine.StartAsync("parallel", null, $"r{i}", Token)).Value.InstanceId);
        }

        var nodes = new[] { new EngineNode(database, clock, "node-a", counter), new EngineNode(database, clock, "node-b", counter) };
        await Task.WhenAll(nodes.Select(n => Task.Run(async () =>
        {
            // Keep going until no due work is left anywhere: a busy instance's work comes back shortly.
            for (var idle = 0; idle < 3;)
            {
                idle = await n.Engine.ProcessDueAsync(5, Token) == 0 ? idle + 1 : 0;
                clock.Advance(TimeSpan.FromMilliseconds(250));
            }
        }, Token)));

        foreach (var id in ids)
        {
            Assert.Equal(WorkflowStatus.Completed, (await setup.Instances.FindAsync(id, Token))!.Status);
            Assert.All(["a", "b", "c", "d"], step => Assert.Equal(1, counter.Runs[$"{id}:{step}"]));
        }
    }
}
