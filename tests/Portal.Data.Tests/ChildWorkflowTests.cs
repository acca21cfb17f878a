using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Portal.Workflows.Definitions;
using Portal.Workflows.Runtime;

namespace Portal.Data.Tests;

/// <summary>RunWorkflow on the durable engine: a child is started with the parent's step and resumes it when done.</summary>
public sealed class ChildWorkflowTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static ActivityNode Node(string id, string type, params (string Name, InputValue Value)[] inputs) =>
        new() { Id = id, Type = type, Inputs = inputs.ToDictionary(i => i.Name, i => i.Value) };

    private static Connection C(string from, string to) => new(from, "Done", to);

    private static WorkflowDefinition Parent(string child) => new()
    {
        Id = "parent", Name = "Parent",
        Variables = [new WorkflowVariable { Name = "got" }],
        Activities =
        [
            Node("start", "Start"),
            Node("run", "RunWorkflow", ("workflow", InputValue.Literal(child)), ("inputs", InputValue.Script("({ n: 2 })"))),
            Node("keep", "SetVariable", ("variable", InputValue.Literal("got")), ("value", InputValue.Script("outputs.run.variables.result"))),
        ],
        Connections = [C("start", "run"), C("run", "keep")],
    };

    private static readonly WorkflowDefinition Child = new()
    {
        Id = "child", Name = "Child",
        Inputs = [new WorkflowInput { Name = "n", Required = true }],
        Variables = [new WorkflowVariable { Name = "result" }],
        Activities = [Node("start", "Start"), Node("times", "SetVariable", ("variable", InputValue.Literal("result")), ("value", InputValue.Script("input.n * 10")))],
        Connections = [C("start", "times")],
    };

    private static readonly WorkflowDefinition WaitingChild = new()
    {
        Id = "waiting-child", Name = "Waiting child",
        Activities = [Node("start", "Start"), Node("wait", "WaitForSignal", ("signal", InputValue.Literal("never")))],
        Connections = [C("start", "wait")],
    };

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSql")]
    public async Task A_parent_runs_a_child_with_inputs_and_reads_its_variables(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var node = new EngineNode(database, clock, "node", new ExecutionCounter());
        await node.Definitions.PublishAsync(Child, "test", clock.GetUtcNow(), Token);
        await node.Definitions.PublishAsync(Parent("child"), "test", clock.GetUtcNow(), Token);

        var parentId = (await node.Engine.StartAsync("parent", null, "request-9", Token)).Value.InstanceId;
        await node.DrainAsync(Token);

        var parent = await node.Instances.FindAsync(parentId, Token);
        Assert.Equal(WorkflowStatus.Completed, parent!.Status);
        Assert.Equal(20, parent.Variables["got"]!.GetValue<double>());
        var child = Assert.Single(await node.Instances.ListAsync(null, "child", null, 10, Token));
        Assert.Equal("request-9", child.CorrelationId);
        Assert.Equal(parentId, (await node.Instances.FindAsync(child.Id, Token))!.ParentInstanceId);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSql")]
    public async Task A_child_that_does_not_exist_faults_the_parent_with_the_reason(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var node = new EngineNode(database, clock, "node", new ExecutionCounter());
        await node.Definitions.PublishAsync(Parent("missing"), "test", clock.GetUtcNow(), Token);

        var parentId = (await node.Engine.StartAsync("parent", null, null, Token)).Value.InstanceId;
        await node.DrainAsync(Token);

        var parent = await node.Instances.FindAsync(parentId, Token);
        Assert.Equal(WorkflowStatus.Faulted, parent!.Status);
        Assert.Contains("no published workflow 'missing'", parent.FaultMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSql")]
    public async Task Cancelling_a_waiting_child_faults_its_parent_visibly(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var node = new EngineNode(database, clock, "node", new ExecutionCounter());
        await node.Definitions.PublishAsync(WaitingChild, "test", clock.GetUtcNow(), Token);
        await node.Definitions.PublishAsync(Parent("waiting-child") with { Activities = [.. Parent("waiting-child").Activities.Take(2)], Connections = [C("start", "run")] }, "test", clock.GetUtcNow(), Token);
        var parentId = (await node.Engine.StartAsync("parent", null, null, Token)).Value.InstanceId;
        await node.DrainAsync(Token);
        var child = Assert.Single(await node.Instances.ListAsync(WorkflowStatus.Suspended, "waiting-child", null, 10, Token));
        Assert.Equal(WorkflowStatus.Suspended, (await node.Instances.FindAsync(parentId, Token))!.Status);

        Assert.True((await node.Engine.CancelAsync(child.Id, Token)).IsValid);
        await node.DrainAsync(Token);

        var parent = await node.Instances.FindAsync(parentId, Token);
        Assert.Equal(WorkflowStatus.Faulted, parent!.Status);
        Assert.Contains("did not complete (Cancelled)", parent.FaultMessage, StringComparison.Ordinal);
    }
}
