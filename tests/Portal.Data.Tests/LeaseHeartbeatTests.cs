using Microsoft.Extensions.Time.Testing;
using Portal.Workflows.Activities;
using Portal.Workflows.Definitions;
using Portal.Workflows.Hosting;
using Portal.Workflows.Runtime;

namespace Portal.Data.Tests;

/// <summary>
/// Leases that fit the work, on a fake clock (no test here waits for real time to pass): a running step's heartbeat
/// keeps its instance for as long as it runs; a step that fails, and a worker that stops, give the instance back at
/// once instead of leaving it until the lease expires.
/// </summary>
public sealed class LeaseHeartbeatTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static readonly WorkflowEngineOptions Short = new()
    {
        LeaseDuration = TimeSpan.FromSeconds(15), ClaimDuration = TimeSpan.FromSeconds(15), HeartbeatInterval = TimeSpan.FromSeconds(5),
        FailedStepRetry = TimeSpan.FromSeconds(1),
    };

    /// <summary>The portal's database dropping the connection in the middle of an activity, once.</summary>
    private sealed class Outage : IActivity
    {
        public int Calls { get; private set; }

        public ActivityDescriptor Descriptor { get; } = new() { Type = "Outage", Category = "Test", DisplayName = "Outage", HasSideEffects = true };

        public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) =>
            ++Calls == 1 ? throw new TimeoutException("The database did not answer.") : ValueTask.FromResult(ActivityResult.Complete());
    }

    private static WorkflowDefinition Flow(string id, params string[] types) => new()
    {
        Id = id, Name = id,
        Variables = [new WorkflowVariable { Name = "after" }],
        Activities = [new() { Id = "start", Type = "Start" }, .. types.Select((t, i) => new ActivityNode
        {
            Id = $"s{i}", Type = t,
            Inputs = t == "SetVariable"
                ? new Dictionary<string, InputValue> { ["variable"] = InputValue.Literal("after"), ["value"] = InputValue.Literal(true) }
                : new Dictionary<string, InputValue>(),
        })],
        Connections = [new("start", "Done", "s0"), .. types.Skip(1).Select((_, i) => new Connection($"s{i}", "Done", $"s{i + 1}"))],
    };

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSql")]
    public async Task A_step_that_runs_for_longer_than_the_lease_keeps_its_instance_by_heartbeats(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        var clock = new TimerCountingClock(DateTimeOffset.UtcNow);
        var hold = new HoldActivity();
        var counter = new ExecutionCounter();
        var slow = new EngineNode(database, clock, "slow", counter, new EngineSettings { Options = Short }, hold);
        await slow.Definitions.PublishAsync(Flow("long", "Hold", "Count"), "test", clock.GetUtcNow(), Token);
        var id = (await slow.Engine.StartAsync("long", null, null, Token)).Value.InstanceId;
        var draining = Task.Run(() => slow.DrainAsync(Token), Token);
        await hold.Entered.WaitAsync(TimeSpan.FromSeconds(60), Token);

        // Three lease durations go by, one heartbeat at a time; each heartbeat moves the lease on.
        for (var beat = 0; beat < 9; beat++)
        {
            var waiting = beat;
            await EngineRows.EventuallyAsync(() => Task.FromResult(clock.TimersCreated > waiting), $"heartbeat {beat + 1} waits on its timer", Token);
            clock.Advance(Short.HeartbeatInterval);
            var expected = clock.GetUtcNow() + Short.LeaseDuration;
            await EngineRows.EventuallyAsync(
                async () => (await EngineRows.InstanceAsync(database, id, Token)).LeaseExpiresAt >= expected - TimeSpan.FromMilliseconds(1),
                $"heartbeat {beat + 1} renews the lease", Token);
        }

        var other = new EngineNode(database, clock, "other", counter, new EngineSettings { Options = Short }, hold);
        Assert.Equal(0, await other.Engine.ProcessDueAsync(20, Token));
        Assert.Null(await other.Instances.AcquireLeaseAsync(id, "other", clock.GetUtcNow(), TimeSpan.FromSeconds(15), Token));

        hold.Release();
        await draining;
        Assert.Equal(WorkflowStatus.Completed, (await slow.Instances.FindAsync(id, Token))!.Status);
        Assert.Equal(1, hold.Runs[$"{id}:s0"]);
        Assert.Equal(1, counter.Runs[$"{id}:s1"]);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSql")]
    public async Task A_step_that_fails_on_the_database_gives_its_instance_back_at_once_without_an_incident(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var outage = new Outage();
        var settings = new EngineSettings { Options = Short, IsTransientFailure = e => e is TimeoutException };
        var first = new EngineNode(database, clock, "first", new ExecutionCounter(), settings, outage);
        await first.Definitions.PublishAsync(Flow("outage", "Outage"), "test", clock.GetUtcNow(), Token);
        var id = (await first.Engine.StartAsync("outage", null, null, Token)).Value.InstanceId;

        Assert.Equal(1, await first.Engine.ProcessDueAsync(20, Token));

        Assert.Equal(1, outage.Calls);
        Assert.Null((await EngineRows.InstanceAsync(database, id, Token)).LeaseOwner);
        var work = Assert.Single(await EngineRows.WorkOfAsync(database, id, Token));
        Assert.Null(work.ClaimedBy);
        Assert.Equal(WorkflowStatus.Running, (await first.Instances.FindAsync(id, Token))!.Status);

        // Due again after FailedStepRetry (one second), not after the lease or the claim (fifteen): any node takes it.
        clock.Advance(Short.FailedStepRetry);
        var second = new EngineNode(database, clock, "second", new ExecutionCounter(), settings, outage);
        await second.DrainAsync(Token);
        var state = (await second.Instances.FindAsync(id, Token))!;
        Assert.Equal(WorkflowStatus.Completed, state.Status);
        Assert.Equal(2, outage.Calls);
        Assert.Empty(state.Incidents);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSql")]
    public async Task A_stopping_worker_ends_its_step_at_the_next_activity_and_gives_the_rest_back_at_once(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var hold = new HoldActivity();
        var stopping = new EngineNode(database, clock, "stopping", new ExecutionCounter(), new EngineSettings { Options = Short }, hold);
        await stopping.Definitions.PublishAsync(Flow("stop", "Hold", "SetVariable"), "test", clock.GetUtcNow(), Token);
        var id = (await stopping.Engine.StartAsync("stop", null, null, Token)).Value.InstanceId;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var worker = stopping.Engine.RunWorkerAsync(idle => Task.Delay(TimeSpan.FromMilliseconds(20), idle), stop.Token, CancellationToken.None);
        await hold.Entered.WaitAsync(TimeSpan.FromSeconds(60), Token);

        await stop.CancelAsync();
        hold.Release();
        await worker.WaitAsync(TimeSpan.FromSeconds(60), Token);

        // The held activity finished and committed; the next one did not run: it is due now, for any node.
        var state = (await stopping.Instances.FindAsync(id, Token))!;
        Assert.Equal(WorkflowStatus.Running, state.Status);
        Assert.Null(state.Variables["after"]);
        Assert.Null((await EngineRows.InstanceAsync(database, id, Token)).LeaseOwner);
        var work = Assert.Single(await EngineRows.WorkOfAsync(database, id, Token));
        Assert.Null(work.ClaimedBy);

        var next = new EngineNode(database, clock, "next", new ExecutionCounter(), new EngineSettings { Options = Short }, hold);
        await next.DrainAsync(Token);
        state = (await next.Instances.FindAsync(id, Token))!;
        Assert.Equal(WorkflowStatus.Completed, state.Status);
        Assert.Equal(true, (bool?)state.Variables["after"]);
        Assert.Equal(1, hold.Runs[$"{id}:s0"]);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSql")]
    public async Task A_step_cut_short_by_the_shutdown_timeout_gives_its_instance_back_at_once_and_runs_again_with_the_same_key(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var hold = new HoldActivity();
        var counter = new ExecutionCounter();
        var stopping = new EngineNode(database, clock, "stopping", counter, new EngineSettings { Options = Short }, hold);
        await stopping.Definitions.PublishAsync(Flow("cut", "Hold", "Count"), "test", clock.GetUtcNow(), Token);
        var id = (await stopping.Engine.StartAsync("cut", null, null, Token)).Value.InstanceId;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var worker = stopping.Engine.RunWorkerAsync(idle => Task.Delay(TimeSpan.FromMilliseconds(20), idle), stop.Token, abort.Token);
        await hold.Entered.WaitAsync(TimeSpan.FromSeconds(60), Token);

        await stop.CancelAsync();
        await abort.CancelAsync();
        await worker.WaitAsync(TimeSpan.FromSeconds(60), Token);

        Assert.Null((await EngineRows.InstanceAsync(database, id, Token)).LeaseOwner);
        Assert.All(await EngineRows.WorkOfAsync(database, id, Token), w => Assert.Null(w.ClaimedBy));

        // No clock moves: the next node takes it at once, and the driver sees the same step again (its key decides).
        hold.Release();
        var next = new EngineNode(database, clock, "next", counter, new EngineSettings { Options = Short }, hold);
        await next.DrainAsync(Token);
        Assert.Equal(WorkflowStatus.Completed, (await next.Instances.FindAsync(id, Token))!.Status);
        Assert.Equal(2, hold.Runs[$"{id}:s0"]);
        Assert.Equal(1, counter.Runs[$"{id}:s1"]);
    }
}
