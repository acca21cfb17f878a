using Microsoft.Extensions.Time.Testing;
using Portal.Workflows.Definitions;
using Portal.Workflows.Runtime;

namespace Portal.Data.Tests;

/// <summary>
/// Due work is claimed oldest first, and the continuation of a step that stopped before a side effect keeps the place
/// of the work it carried on: an instance in flight goes on before one that arrived after it. (When every continuation
/// went to the back, a burst of requests made thousands of deployments advance in lockstep and none finished.) A step
/// that spent its budget goes to the back, so a loop cannot hold the front.
/// </summary>
public sealed class QueueOrderTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static WorkflowDefinition Chain(string id, int steps) => new()
    {
        Id = id, Name = id,
        Activities = [new() { Id = "start", Type = "Start" }, .. Enumerable.Range(0, steps).Select(i => new ActivityNode { Id = $"s{i}", Type = "Count" })],
        Connections = [new("start", "Done", "s0"), .. Enumerable.Range(1, steps - 1).Select(i => new Connection($"s{i - 1}", "Done", $"s{i}"))],
    };

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSql")]
    public async Task An_instance_in_flight_finishes_its_side_effects_before_a_later_one_starts(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var counter = new ExecutionCounter();
        var node = new EngineNode(database, clock, "node", counter);
        await node.Definitions.PublishAsync(Chain("chain", 3), "test", clock.GetUtcNow(), Token);
        var first = (await node.Engine.StartAsync("chain", null, null, Token)).Value.InstanceId;
        clock.Advance(TimeSpan.FromSeconds(1));
        var later = (await node.Engine.StartAsync("chain", null, null, Token)).Value.InstanceId;
        clock.Advance(TimeSpan.FromSeconds(1));

        // One item per round: each round is one step, which holds one side effect.
        for (var round = 1; round <= 3; round++)
        {
            Assert.Equal(1, await node.Engine.ProcessDueAsync(1, Token));
            Assert.Equal(round, Enumerable.Range(0, 3).Count(i => counter.Runs.ContainsKey($"{first}:s{i}")));
            Assert.DoesNotContain(counter.Runs.Keys, key => key.StartsWith(later, StringComparison.Ordinal));
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(WorkflowStatus.Completed, (await EngineRows.InstanceAsync(database, first, Token)).Status);
        await node.DrainAsync(Token);
        Assert.Equal(WorkflowStatus.Completed, (await EngineRows.InstanceAsync(database, later, Token)).Status);
        Assert.All(counter.Runs.Values, runs => Assert.Equal(1, runs));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSql")]
    public async Task A_step_that_spent_its_budget_goes_behind_work_that_arrived_meanwhile(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var counter = new ExecutionCounter();
        // A budget of 2 activity executions per step: the chain of 6 side effects cannot finish in one step, but its
        // checkpoints come first; a chain of plain activities yields on the budget instead.
        var node = new EngineNode(database, clock, "node", counter, new EngineSettings { StepBudget = 2 });
        var plain = new WorkflowDefinition
        {
            Id = "plain", Name = "plain",
            Activities = [new() { Id = "start", Type = "Start" }, .. Enumerable.Range(0, 6).Select(i => new ActivityNode { Id = $"p{i}", Type = "Log", Inputs = new Dictionary<string, InputValue> { ["message"] = InputValue.Literal("x") } })],
            Connections = [new("start", "Done", "p0"), .. Enumerable.Range(1, 5).Select(i => new Connection($"p{i - 1}", "Done", $"p{i}"))],
        };
        await node.Definitions.PublishAsync(plain, "test", clock.GetUtcNow(), Token);
        await node.Definitions.PublishAsync(Chain("chain", 1), "test", clock.GetUtcNow(), Token);
        var looping = (await node.Engine.StartAsync("plain", null, null, Token)).Value.InstanceId;
        clock.Advance(TimeSpan.FromSeconds(1));
        var arrived = (await node.Engine.StartAsync("chain", null, null, Token)).Value.InstanceId;
        clock.Advance(TimeSpan.FromSeconds(1));

        // The plain flow's first step (in the caller) spent its budget and queued its continuation before the chain
        // arrived; its next step spends it again and goes to the back, behind the chain.
        Assert.Equal(1, await node.Engine.ProcessDueAsync(1, Token));
        Assert.False(counter.Runs.ContainsKey($"{arrived}:s0"));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await node.Engine.ProcessDueAsync(1, Token));
        Assert.True(counter.Runs.ContainsKey($"{arrived}:s0"));
        Assert.Equal(WorkflowStatus.Running, (await EngineRows.InstanceAsync(database, looping, Token)).Status);

        await node.DrainAsync(Token);
        Assert.Equal(WorkflowStatus.Completed, (await EngineRows.InstanceAsync(database, looping, Token)).Status);
        Assert.Equal(WorkflowStatus.Completed, (await EngineRows.InstanceAsync(database, arrived, Token)).Status);
    }
}
