using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Portal.Workflows.Activities;
using Portal.Workflows.Definitions;
using Portal.Workflows.Persistence;
using Portal.Workflows.Runtime;

namespace Portal.Data.Tests;

/// <summary>
/// What an instance leaves behind once a later attempt, a callback or a cancel has settled it: no due work (a callback's
/// one-hour timeout timer goes with the callback) and no open incident.
/// </summary>
public sealed class LeftoverWorkTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Waits for a callback, timing out after an hour (as the image writer's callback does).</summary>
    private sealed class AwaitCallback : IActivity
    {
        public ActivityDescriptor Descriptor { get; } = new() { Type = "AwaitCallback", Category = "Test", DisplayName = "Await callback" };

        public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) =>
            ValueTask.FromResult(ActivityResult.Wait(new BookmarkRequest("callback", context.Clock.GetUtcNow().AddHours(1))));
    }

    /// <summary>A driver call that fails a given number of times, then succeeds.</summary>
    private sealed class Flaky : IActivity
    {
        public int Failures { get; set; }

        public int Calls { get; private set; }

        public ActivityDescriptor Descriptor { get; } = new() { Type = "Flaky", Category = "Test", DisplayName = "Flaky", HasSideEffects = true };

        public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) =>
            ValueTask.FromResult(++Calls <= Failures ? ActivityResult.Fail($"attempt {Calls} failed") : ActivityResult.Complete());
    }

    private static readonly WorkflowDefinition Callback = new()
    {
        Id = "callback", Name = "Callback",
        Activities = [new() { Id = "start", Type = "Start" }, new() { Id = "wait", Type = "AwaitCallback" }, new() { Id = "after", Type = "Count" }],
        Connections = [new("start", "Done", "wait"), new("wait", "Done", "after")],
    };

    private static WorkflowDefinition FlakyFlow(int maxAttempts) => new()
    {
        Id = "flaky", Name = "Flaky",
        Activities =
        [
            new() { Id = "start", Type = "Start" },
            new() { Id = "call", Type = "Flaky", Retry = new RetryPolicy { MaxAttempts = maxAttempts, InitialDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(1) } },
            new() { Id = "after", Type = "Count" },
        ],
        Connections = [new("start", "Done", "call"), new("call", "Done", "after")],
    };

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSql")]
    public async Task A_callback_that_came_in_time_leaves_no_timeout_timer_behind(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var node = new EngineNode(database, clock, "node", new ExecutionCounter(), new AwaitCallback());
        await node.Definitions.PublishAsync(Callback, "test", clock.GetUtcNow(), Token);
        var id = (await node.Engine.StartAsync("callback", null, null, Token)).Value.InstanceId;
        Assert.Single(await EngineRows.WorkOfAsync(database, id, Token), w => w.Kind == WorkKind.Timer);

        var bookmark = (await node.Instances.FindAsync(id, Token))!.Bookmarks.Single();
        await node.Engine.ResumeAsync(id, bookmark.Id, new JsonObject { ["ok"] = true }, Token);
        await node.DrainAsync(Token);

        Assert.Equal(WorkflowStatus.Completed, (await node.Instances.FindAsync(id, Token))!.Status);
        Assert.Empty(await EngineRows.WorkOfAsync(database, id, Token));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSql")]
    public async Task A_cancel_of_an_instance_waiting_on_a_timer_removes_the_timer(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var node = new EngineNode(database, clock, "node", new ExecutionCounter(), new AwaitCallback());
        await node.Definitions.PublishAsync(Callback, "test", clock.GetUtcNow(), Token);
        var id = (await node.Engine.StartAsync("callback", null, null, Token)).Value.InstanceId;

        Assert.True((await node.Engine.CancelAsync(id, Token)).IsValid);
        clock.Advance(TimeSpan.FromHours(2));
        await node.DrainAsync(Token);

        Assert.Equal(WorkflowStatus.Cancelled, (await node.Instances.FindAsync(id, Token))!.Status);
        Assert.Empty(await EngineRows.WorkOfAsync(database, id, Token));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSql")]
    public async Task An_automatic_retry_that_succeeds_resolves_the_incidents_of_the_attempts_before(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var flaky = new Flaky { Failures = 2 };
        var node = new EngineNode(database, clock, "node", new ExecutionCounter(), flaky);
        await node.Definitions.PublishAsync(FlakyFlow(3), "test", clock.GetUtcNow(), Token);
        var id = (await node.Engine.StartAsync("flaky", null, null, Token)).Value.InstanceId;

        for (var round = 0; round < 5; round++)
        {
            await node.DrainAsync(Token);
            clock.Advance(TimeSpan.FromSeconds(2));
        }

        var state = (await node.Instances.FindAsync(id, Token))!;
        Assert.Equal(WorkflowStatus.Completed, state.Status);
        Assert.Equal(3, flaky.Calls);
        Assert.NotEmpty(state.Incidents);
        Assert.All(state.Incidents, i => Assert.True(i.Resolved, $"Incident '{i.Message}' is still open."));
        Assert.Empty(await EngineRows.WorkOfAsync(database, id, Token));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSql")]
    public async Task An_admin_retry_that_succeeds_after_one_that_failed_again_leaves_no_open_incident(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var flaky = new Flaky { Failures = 2 };
        var node = new EngineNode(database, clock, "node", new ExecutionCounter(), flaky);
        await node.Definitions.PublishAsync(FlakyFlow(1), "test", clock.GetUtcNow(), Token);
        var id = (await node.Engine.StartAsync("flaky", null, null, Token)).Value.InstanceId;
        await node.DrainAsync(Token);
        Assert.Equal(WorkflowStatus.Faulted, (await node.Instances.FindAsync(id, Token))!.Status);

        // The first retry fails again (the instance is Faulted once more), the second succeeds.
        Assert.True((await node.Engine.RetryAsync(id, Token)).IsValid);
        await node.DrainAsync(Token);
        Assert.Equal(WorkflowStatus.Faulted, (await node.Instances.FindAsync(id, Token))!.Status);
        Assert.True((await node.Engine.RetryAsync(id, Token)).IsValid);
        await node.DrainAsync(Token);

        var state = (await node.Instances.FindAsync(id, Token))!;
        Assert.Equal(WorkflowStatus.Completed, state.Status);
        Assert.Equal(3, flaky.Calls);
        Assert.All(state.Incidents, i => Assert.True(i.Resolved, $"Incident '{i.Message}' is still open."));
        Assert.Empty(await EngineRows.WorkOfAsync(database, id, Token));
    }
}
