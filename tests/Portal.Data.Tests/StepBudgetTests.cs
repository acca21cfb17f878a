using Microsoft.Extensions.Time.Testing;
using Portal.Workflows.Definitions;
using Portal.Workflows.Runtime;

namespace Portal.Data.Tests;

/// <summary>
/// A flowchart that loops forever spends its step budget and yields back to the queue, so it holds neither a caller's
/// request nor a node: a deployment beside it completes meanwhile. Past its total budget it faults with an incident
/// naming the loop, and a cancel stops it.
/// </summary>
public sealed class StepBudgetTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static ActivityNode Node(string id, string type, params (string Name, InputValue Value)[] inputs) =>
        new() { Id = id, Type = type, Inputs = inputs.ToDictionary(i => i.Name, i => i.Value) };

    /// <summary>start → bump (n + 1) → again (always True) → bump → …</summary>
    private static readonly WorkflowDefinition Loop = new()
    {
        Id = "loop", Name = "Loop",
        Variables = [new WorkflowVariable { Name = "n" }],
        Activities =
        [
            Node("start", "Start"),
            Node("bump", "SetVariable", ("variable", InputValue.Literal("n")), ("value", InputValue.Script("(variables.n || 0) + 1"))),
            Node("again", "Decision", ("condition", InputValue.Script("true"))),
        ],
        Connections = [new("start", "Done", "bump"), new("bump", "Done", "again"), new("again", "True", "bump")],
    };

    /// <summary>Three side effects in a row, as a deployment's steps are.</summary>
    private static readonly WorkflowDefinition Deployment = new()
    {
        Id = "deployment", Name = "Deployment",
        Activities = [Node("start", "Start"), Node("allocate", "Count"), Node("write", "Count"), Node("power", "Count")],
        Connections = [new("start", "Done", "allocate"), new("allocate", "Done", "write"), new("write", "Done", "power")],
    };

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSql")]
    public async Task A_loop_yields_after_its_step_budget_lets_a_deployment_finish_and_faults_naming_the_loop_after_its_total(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var counter = new ExecutionCounter();
        var node = new EngineNode(database, clock, "node", counter, new EngineSettings { StepBudget = 10, TotalStepBudget = 100 });
        await node.Definitions.PublishAsync(Loop, "test", clock.GetUtcNow(), Token);
        await node.Definitions.PublishAsync(Deployment, "test", clock.GetUtcNow(), Token);

        // Started in the caller (as the API does), the loop comes back after its step budget instead of never.
        var loop = (await node.Engine.StartAsync("loop", null, null, Token)).Value;
        Assert.Equal(WorkflowStatus.Running, loop.Status);
        Assert.Equal(10, loop.Executions);
        var deployment = (await node.Engine.StartAsync("deployment", null, null, Token)).Value.InstanceId;

        // The worker interleaves them: the deployment completes long before the loop has spent its total budget.
        WorkflowState? looping = null;
        for (var round = 0; round < 10 && (await node.Instances.FindAsync(deployment, Token))!.Status != WorkflowStatus.Completed; round++)
        {
            await node.Engine.ProcessDueAsync(20, Token);
            looping = await node.Instances.FindAsync(loop.InstanceId, Token);
        }

        Assert.Equal(WorkflowStatus.Completed, (await node.Instances.FindAsync(deployment, Token))!.Status);
        Assert.Equal(WorkflowStatus.Running, looping!.Status);
        Assert.InRange(looping.Executions, 11, 60);
        Assert.All(["allocate", "write", "power"], step => Assert.Equal(1, counter.Runs[$"{deployment}:{step}"]));

        await node.DrainAsync(Token);
        var faulted = (await node.Instances.FindAsync(loop.InstanceId, Token))!;
        Assert.Equal(WorkflowStatus.Faulted, faulted.Status);
        Assert.Equal(100, faulted.Executions);
        var incident = Assert.Single(faulted.Incidents, i => !i.Resolved);
        Assert.Contains("(bump)", incident.Message, StringComparison.Ordinal);
        Assert.Contains("(again)", incident.Message, StringComparison.Ordinal);
        Assert.Contains("TotalStepBudget", incident.Message, StringComparison.Ordinal);
        Assert.Empty(await EngineRows.WorkOfAsync(database, loop.InstanceId, Token));

        // A cancel stops it for good: nothing of it is due any more.
        Assert.True((await node.Engine.CancelAsync(loop.InstanceId, Token)).IsValid);
        await node.DrainAsync(Token);
        var cancelled = (await node.Instances.FindAsync(loop.InstanceId, Token))!;
        Assert.Equal(WorkflowStatus.Cancelled, cancelled.Status);
        Assert.All(cancelled.Incidents, i => Assert.True(i.Resolved));
        Assert.Empty(await EngineRows.WorkOfAsync(database, loop.InstanceId, Token));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSql")]
    public async Task A_loop_that_is_still_yielding_is_cancelled_at_once_and_runs_no_further(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var node = new EngineNode(database, clock, "node", new ExecutionCounter(), new EngineSettings { StepBudget = 10, TotalStepBudget = 1_000_000 });
        await node.Definitions.PublishAsync(Loop, "test", clock.GetUtcNow(), Token);
        var loop = (await node.Engine.StartAsync("loop", null, null, Token)).Value.InstanceId;
        await node.Engine.ProcessDueAsync(20, Token);
        var before = (await node.Instances.FindAsync(loop, Token))!.Executions;

        Assert.True((await node.Engine.CancelAsync(loop, Token)).IsValid);
        await node.DrainAsync(Token);

        var cancelled = (await node.Instances.FindAsync(loop, Token))!;
        Assert.Equal(WorkflowStatus.Cancelled, cancelled.Status);
        Assert.Equal(before, cancelled.Executions);
        Assert.Empty(await EngineRows.WorkOfAsync(database, loop, Token));
    }
}
