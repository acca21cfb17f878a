using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Portal.Workflows.Activities;
using Portal.Workflows.Definitions;
using Portal.Workflows.Hosting;
using Portal.Workflows.Persistence;
using Portal.Workflows.Runtime;

namespace Portal.Data.Tests;

/// <summary>
/// Starts and resumes run in the caller until the instance blocks, finishes or reaches a side effect, and are stored
/// once; what has side effects is still left to the worker, after its start is committed.
/// </summary>
public sealed class InlineRunTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static ActivityNode Node(string id, string type, params (string Name, InputValue Value)[] inputs) =>
        new() { Id = id, Type = type, Inputs = inputs.ToDictionary(i => i.Name, i => i.Value) };

    private static Connection C(string from, string to) => new(from, "Done", to);

    /// <summary>start → v = input.n * 2 → wait for "go" → v = v + 1 → count (a side effect).</summary>
    private static readonly WorkflowDefinition Doubling = new()
    {
        Id = "doubling", Name = "Doubling",
        Inputs = [new WorkflowInput { Name = "n", Type = "number", Required = true }],
        Variables = [new WorkflowVariable { Name = "v", Default = 0 }],
        Activities =
        [
            Node("start", "Start"),
            Node("double", "SetVariable", ("variable", InputValue.Literal("v")), ("value", InputValue.Script("input.n * 2"))),
            Node("wait", "WaitForSignal", ("signal", InputValue.Literal("go"))),
            Node("add", "SetVariable", ("variable", InputValue.Literal("v")), ("value", InputValue.Script("variables.v + 1"))),
            Node("count", "Count"),
        ],
        Connections = [C("start", "double"), C("double", "wait"), C("wait", "add"), C("add", "count")],
    };

    /// <summary>start → v = 1 → end: nothing that blocks or acts.</summary>
    private static readonly WorkflowDefinition Pure = new()
    {
        Id = "pure", Name = "Pure",
        Variables = [new WorkflowVariable { Name = "v", Default = 0 }],
        Activities = [Node("start", "Start"), Node("set", "SetVariable", ("variable", InputValue.Literal("v")), ("value", InputValue.Literal(1))), Node("end", "End")],
        Connections = [C("start", "set"), C("set", "end")],
    };

    public static TheoryData<string> Providers => new() { "Sqlite", "PostgreSql" };

    /// <summary>A side-effecting activity that waits (say, for a driver's callback) and acts again when resumed.</summary>
    private sealed class ActingWait : IActivity
    {
        public int Resumes;

        public ActivityDescriptor Descriptor { get; } = new() { Type = "ActingWait", Category = "Test", DisplayName = "Acting wait", HasSideEffects = true };

        public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) => ValueTask.FromResult(ActivityResult.Wait(new BookmarkRequest("acting")));

        public ValueTask<ActivityResult> ResumeAsync(ActivityContext context, BookmarkResume resume)
        {
            Interlocked.Increment(ref Resumes);
            return ValueTask.FromResult(ActivityResult.Complete());
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_resume_of_a_side_effecting_activity_is_left_to_the_worker(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var acting = new ActingWait();
        var node = new EngineNode(database, clock, "node", new ExecutionCounter(), acting);
        await node.Definitions.PublishAsync(new WorkflowDefinition
        {
            Id = "acting", Name = "Acting", Activities = [Node("start", "Start"), Node("act", "ActingWait")], Connections = [C("start", "act")],
        }, "test", clock.GetUtcNow(), Token);
        var id = (await node.Engine.StartAsync("acting", null, null, Token)).Value.InstanceId;
        await node.DrainAsync(Token);
        var bookmark = (await node.Instances.FindAsync(id, Token))!.Bookmarks.Single().Id;

        await node.Engine.ResumeAsync(id, bookmark, null, Token);

        Assert.Equal(0, acting.Resumes);
        Assert.Equal(WorkflowStatus.Suspended, (await node.Instances.FindAsync(id, Token))!.Status);
        await node.DrainAsync(Token);
        Assert.Equal(1, acting.Resumes);
        Assert.Equal(WorkflowStatus.Completed, (await node.Instances.FindAsync(id, Token))!.Status);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_start_that_blocks_nowhere_is_stored_completed_with_no_work_left(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var node = new EngineNode(database, clock, "node", new ExecutionCounter());
        await node.Definitions.PublishAsync(Pure, "test", clock.GetUtcNow(), Token);

        var started = await node.Engine.StartAsync("pure", null, null, Token);

        Assert.Equal(WorkflowStatus.Completed, started.Value.Status);
        Assert.Equal(WorkflowStatus.Completed, (await node.Instances.FindAsync(started.Value.InstanceId, Token))!.Status);
        Assert.Empty(await node.Instances.ClaimAsync("node", clock.GetUtcNow(), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1), clock.GetUtcNow(), 10, Token));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_start_stops_before_a_side_effect_and_leaves_it_to_the_worker(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var counter = new ExecutionCounter();
        var node = new EngineNode(database, clock, "node", counter);
        await node.Definitions.PublishAsync(Doubling with { Activities = [.. Doubling.Activities.Where(a => a.Id != "wait")], Connections = [C("start", "double"), C("double", "count")] }, "test", clock.GetUtcNow(), Token);

        var id = (await node.Engine.StartAsync("doubling", new JsonObject { ["n"] = 4 }, null, Token)).Value.InstanceId;

        Assert.False(counter.Runs.ContainsKey($"{id}:count"), "The side effect must not act before its start is committed.");
        var stored = (await node.Instances.FindAsync(id, Token))!;
        Assert.Equal(WorkflowStatus.Running, stored.Status);
        Assert.Equal(8, stored.Variables["v"]!.GetValue<double>());
        Assert.Equal("count", Assert.Single(stored.Queue).ActivityId);
        Assert.Equal(stored.Queue[0].ExecutionId, Assert.Single(stored.StartedSideEffects));

        await node.DrainAsync(Token);

        Assert.Equal(1, counter.Runs[$"{id}:count"]);
        Assert.Equal(WorkflowStatus.Completed, (await node.Instances.FindAsync(id, Token))!.Status);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_resume_runs_at_once_up_to_the_next_side_effect(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var counter = new ExecutionCounter();
        var node = new EngineNode(database, clock, "node", counter);
        await node.Definitions.PublishAsync(Doubling, "test", clock.GetUtcNow(), Token);
        var started = await node.Engine.StartAsync("doubling", new JsonObject { ["n"] = 4 }, "r1", Token);
        Assert.Equal(WorkflowStatus.Suspended, started.Value.Status);

        Assert.True(await node.Engine.SignalAsync("go", "r1", null, Token));

        var stored = (await node.Instances.FindAsync(started.Value.InstanceId, Token))!;
        Assert.Equal(9, stored.Variables["v"]!.GetValue<double>());
        Assert.Equal(WorkflowStatus.Running, stored.Status);
        Assert.False(counter.Runs.ContainsKey($"{started.Value.InstanceId}:count"), "The side effect is the worker's.");
        await node.DrainAsync(Token);
        Assert.Equal(1, counter.Runs[$"{started.Value.InstanceId}:count"]);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Concurrent_starts_share_transactions_and_each_caller_gets_its_own_instance(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var counter = new ExecutionCounter();
        var commits = new WorkflowGroupCommit();
        var callers = Enumerable.Range(0, 16).Select(i => new EngineNode(database, clock, "node", counter, commits)).ToList();
        await callers[0].Definitions.PublishAsync(Doubling, "test", clock.GetUtcNow(), Token);

        var started = await Task.WhenAll(callers.Select((caller, i) => Task.Run(async () =>
            (Input: i, State: (await caller.Engine.StartAsync("doubling", new JsonObject { ["n"] = i }, $"r{i}", Token)).Value), Token)));

        Assert.Equal(16, started.Select(s => s.State.InstanceId).Distinct().Count());
        foreach (var (input, state) in started)
        {
            var stored = (await callers[0].Instances.FindAsync(state.InstanceId, Token))!;
            Assert.Equal(2 * input, stored.Variables["v"]!.GetValue<double>());
            Assert.Equal($"r{input}", stored.CorrelationId);
            Assert.Equal(state.InstanceId, (await callers[0].Instances.FindBookmarkAsync("go", $"r{input}", Token))?.InstanceId);
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_resume_delivered_twice_at_the_same_time_resumes_once(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var counter = new ExecutionCounter();
        var nodes = new[] { new EngineNode(database, clock, "node-a", counter), new EngineNode(database, clock, "node-b", counter) };
        await nodes[0].Definitions.PublishAsync(Doubling, "test", clock.GetUtcNow(), Token);
        var id = (await nodes[0].Engine.StartAsync("doubling", new JsonObject { ["n"] = 1 }, null, Token)).Value.InstanceId;
        var bookmark = (await nodes[0].Instances.FindAsync(id, Token))!.Bookmarks.Single().Id;

        await Task.WhenAll(nodes.Select(n => Task.Run(() => n.Engine.ResumeAsync(id, bookmark, new JsonObject { ["by"] = n.Engine.Node }, Token), Token)));
        foreach (var node in nodes)
        {
            await node.DrainAsync(Token);
        }

        var state = (await nodes[0].Instances.FindAsync(id, Token))!;
        Assert.Equal(WorkflowStatus.Completed, state.Status);
        Assert.Single(state.Journal, e => e.ActivityId == "wait" && e.Event == JournalEvent.Resumed);
        Assert.Equal(3, state.Variables["v"]!.GetValue<double>());
        Assert.Equal(1, counter.Runs[$"{id}:count"]);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_resume_of_an_instance_with_work_pending_is_queued_behind_it(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var counter = new ExecutionCounter();
        var node = new EngineNode(database, clock, "node", counter);
        // start → fork → (wait for "go" | count) → join → end: the start waits, then leaves the count to the worker.
        await node.Definitions.PublishAsync(new WorkflowDefinition
        {
            Id = "forked", Name = "Forked",
            Activities = [Node("start", "Start"), Node("fork", "Fork"), Node("count", "Count"), Node("wait", "WaitForSignal", ("signal", InputValue.Literal("go"))), Node("join", "Join"), Node("end", "End")],
            Connections = [C("start", "fork"), C("fork", "wait"), C("fork", "count"), C("count", "join"), C("wait", "join"), C("join", "end")],
        }, "test", clock.GetUtcNow(), Token);
        var id = (await node.Engine.StartAsync("forked", null, "r", Token)).Value.InstanceId;
        var bookmark = (await node.Instances.FindAsync(id, Token))!.Bookmarks.Single().Id;

        await node.Engine.ResumeAsync(id, bookmark, null, Token);

        var stored = (await node.Instances.FindAsync(id, Token))!;
        Assert.Contains(stored.Bookmarks, b => b.Id == bookmark);
        Assert.False(counter.Runs.ContainsKey($"{id}:count"), "Nothing with side effects runs in the caller.");
        await node.DrainAsync(Token);
        var done = (await node.Instances.FindAsync(id, Token))!;
        Assert.Equal(WorkflowStatus.Completed, done.Status);
        Assert.Equal(1, counter.Runs[$"{id}:count"]);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_start_after_a_version_was_published_on_another_node_runs_the_new_version(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var here = new EngineNode(database, clock, "here", new ExecutionCounter());
        var there = new EngineNode(database, clock, "there", new ExecutionCounter());
        await here.Definitions.PublishAsync(Pure, "test", clock.GetUtcNow(), Token);
        Assert.Equal(1, (await here.Engine.StartAsync("pure", null, null, Token)).Value.DefinitionVersion);

        await there.Definitions.PublishAsync(Pure with { Name = "Pure, again" }, "test", clock.GetUtcNow(), Token);
        var started = await here.Engine.StartAsync("pure", null, null, Token);

        Assert.Equal(2, started.Value.DefinitionVersion);
        Assert.Equal(2, (await here.Instances.FindAsync(started.Value.InstanceId, Token))!.DefinitionVersion);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_step_that_lost_its_lease_leaves_its_work_queued(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var slow = new EngineNode(database, clock, "slow", new ExecutionCounter());
        await slow.Definitions.PublishAsync(Doubling, "test", clock.GetUtcNow(), Token);
        var id = (await slow.Engine.StartAsync("doubling", new JsonObject { ["n"] = 1 }, null, Token)).Value.InstanceId;
        var bookmark = (await slow.Instances.FindAsync(id, Token))!.Bookmarks.Single().Id;
        var resume = WorkItem.New(id, WorkKind.Resume, clock.GetUtcNow(), bookmark);
        var now = clock.GetUtcNow();
        var lease = (await slow.Instances.WriteAsync([new InstanceWrite.LeaseAtRest(id, "slow#1", now, now + TimeSpan.FromSeconds(30), resume)], Token))[0].Lease!;

        clock.Advance(TimeSpan.FromMinutes(1));
        var fast = new EngineNode(database, clock, "fast", new ExecutionCounter());
        var taken = await fast.Instances.AcquireLeaseAsync(id, "fast", clock.GetUtcNow(), TimeSpan.FromSeconds(30), Token);
        Assert.NotNull(taken);
        var outcome = (await slow.Instances.WriteAsync([new InstanceWrite.Commit(new StepCommit(lease, lease.State, [], [], []), resume)], Token))[0];

        Assert.False(outcome.Applied, "A step whose lease was taken over must not commit.");
        Assert.Empty(await fast.Instances.CommitAsync([new StepCommit(taken, taken.State, [], [], [])], Token));
        var claimed = Assert.Single(await fast.Instances.ClaimAsync("fast", clock.GetUtcNow(), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1), clock.GetUtcNow(), 10, Token));
        Assert.Equal(resume.Id, Assert.Single(claimed.Items).Id);
    }
}
