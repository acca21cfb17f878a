using Microsoft.Extensions.Time.Testing;
using Portal.Workflows.Definitions;
using Portal.Workflows.Persistence;
using Portal.Workflows.Runtime;

namespace Portal.Data.Tests;

/// <summary>
/// A cancel that arrives while a worker is in the middle of a step of the instance — on this node or on another — is
/// not refused: it is queued, the step ends, the cancel runs next, the compensation runs on the worker, and nothing
/// after the interrupted step runs.
/// </summary>
public sealed class CancelWhileRunningTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static ActivityNode Node(string id, string type, string? compensateWith = null) => new() { Id = id, Type = type, CompensateWith = compensateWith };

    /// <summary>start → reserve (compensated by release) → write (held by the test) → power → end.</summary>
    private static readonly WorkflowDefinition Deployment = new()
    {
        Id = "held-deployment", Name = "Held deployment",
        Activities = [Node("start", "Start"), Node("reserve", "Count", "release"), Node("write", "Hold"), Node("power", "Count"), Node("end", "End"), Node("release", "Count")],
        Connections = [new("start", "Done", "reserve"), new("reserve", "Done", "write"), new("write", "Done", "power"), new("power", "Done", "end")],
    };

    [Theory]
    [InlineData("Sqlite", "worker-node")]
    [InlineData("Sqlite", "other-node")]
    [InlineData("PostgreSql", "worker-node")]
    [InlineData("PostgreSql", "other-node")]
    public async Task A_cancel_while_the_worker_holds_the_instance_waits_for_the_step_then_compensates_on_the_worker(string provider, string callerNode)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var counter = new ExecutionCounter();
        var hold = new HoldActivity();
        var worker = new EngineNode(database, clock, "worker-node", counter, hold);
        await worker.Definitions.PublishAsync(Deployment, "test", clock.GetUtcNow(), Token);
        var id = (await worker.Engine.StartAsync("held-deployment", null, null, Token)).Value.InstanceId;
        var draining = Task.Run(() => worker.DrainAsync(Token), Token);
        await hold.Entered.WaitAsync(TimeSpan.FromSeconds(60), Token);

        // A request on the worker's node (its own scope and context) or on another node.
        var caller = new EngineNode(database, clock, callerNode, counter, hold);
        var cancelled = await caller.Engine.CancelAsync(id, Token);

        Assert.True(cancelled.IsValid, string.Join(" ", cancelled.Errors.Select(e => e.Message)));
        Assert.Equal(WorkflowStatus.Running, cancelled.Value.Status);
        Assert.Contains(await EngineRows.WorkOfAsync(database, id, Token), w => w.Kind == WorkKind.Cancel);
        Assert.False(counter.Runs.ContainsKey($"{id}:release"), "The compensation must not run in the cancelling request.");

        hold.Release();
        await draining;

        var state = (await caller.Instances.FindAsync(id, Token))!;
        Assert.Equal(WorkflowStatus.Cancelled, state.Status);
        Assert.Equal(1, counter.Runs[$"{id}:reserve"]);
        Assert.Equal(1, hold.Runs[$"{id}:write"]);
        Assert.False(counter.Runs.ContainsKey($"{id}:power"), "Nothing after the interrupted step may run.");
        Assert.Equal(1, counter.Runs[$"{id}:release"]);
        Assert.All(state.Incidents, i => Assert.True(i.Resolved));
        Assert.Empty(await EngineRows.WorkOfAsync(database, id, Token));
        var row = await EngineRows.InstanceAsync(database, id, Token);
        Assert.Null(row.LeaseOwner);
    }
}
