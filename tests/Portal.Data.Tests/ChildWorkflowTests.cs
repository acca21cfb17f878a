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
        Inputs = [new WorkflowInput { Name = "n", Type = "number", Required = true }],
        Variables = [new WorkflowVariable { Name = "result" }],
        Activities = [Node("start", "Start"), Node("times", "SetVariable", ("variable", InputValue.Literal("result")), ("value", InputValue.Script("input.n * 10")))],
        Connections = [C("start", "times")],
    };

    private static readonly WorkflowDefinition WaitingChild = new()
    {
        Id = "waiting-child", Name = "Waiting child",
        // The parents pass n; a start refuses inputs the child does not declare.
        Inputs = [new WorkflowInput { Name = "n", Type = "number" }],
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

    private static WorkflowDefinition FanOut(string child, string each) => new()
    {
        Id = "fan-out", Name = "Fan out",
        Variables = [new WorkflowVariable { Name = "results" }],
        Activities =
        [
            Node("start", "Start"),
            Node("run", "RunWorkflow", ("workflow", InputValue.Literal(child)), ("each", InputValue.Script(each))),
            Node("keep", "SetVariable", ("variable", InputValue.Literal("results")),
                ("value", InputValue.Script("outputs.run.children.map(c => c.inputs.n + ':' + c.status + ':' + c.variables.result).sort()"))),
        ],
        Connections = [C("start", "run"), C("run", "keep")],
    };

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSql")]
    public async Task A_fan_out_runs_one_child_per_element_and_completes_when_every_child_has(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var node = new EngineNode(database, clock, "node", new ExecutionCounter());
        await node.Definitions.PublishAsync(Child, "test", clock.GetUtcNow(), Token);
        await node.Definitions.PublishAsync(FanOut("child", "[1, 2, 3].map(n => ({ n }))"), "test", clock.GetUtcNow(), Token);

        var parentId = (await node.Engine.StartAsync("fan-out", null, "request-7", Token)).Value.InstanceId;
        await node.DrainAsync(Token);

        var parent = await node.Instances.FindAsync(parentId, Token);
        Assert.Equal(WorkflowStatus.Completed, parent!.Status);
        Assert.Equal(["1:Completed:10", "2:Completed:20", "3:Completed:30"], parent.Variables["results"]!.AsArray().Select(r => r!.GetValue<string>()).ToArray());
        var children = await node.Instances.ListAsync(null, "child", null, 10, Token);
        Assert.Equal(3, children.Count);
        Assert.All(children, c => Assert.Equal("request-7", c.CorrelationId));
        // One bookmark waited for all three: each child's end resumed the same one, and only the last one completed it.
        Assert.Single(parent.Journal, e => e.ActivityId == "run" && e.Event == JournalEvent.Resumed);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSql")]
    public async Task A_fan_out_waits_for_every_child_and_reports_cancelled_ones_without_faulting(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var node = new EngineNode(database, clock, "node", new ExecutionCounter());
        await node.Definitions.PublishAsync(WaitingChild, "test", clock.GetUtcNow(), Token);
        await node.Definitions.PublishAsync(FanOut("waiting-child", "[{ n: 1 }, { n: 2 }]"), "test", clock.GetUtcNow(), Token);
        var parentId = (await node.Engine.StartAsync("fan-out", null, null, Token)).Value.InstanceId;
        await node.DrainAsync(Token);
        var children = await node.Instances.ListAsync(WorkflowStatus.Suspended, "waiting-child", null, 10, Token);
        Assert.Equal(2, children.Count);

        Assert.True((await node.Engine.CancelAsync(children[0].Id, Token)).IsValid);
        await node.DrainAsync(Token);
        Assert.Equal(WorkflowStatus.Suspended, (await node.Instances.FindAsync(parentId, Token))!.Status);

        Assert.True((await node.Engine.CancelAsync(children[1].Id, Token)).IsValid);
        await node.DrainAsync(Token);

        var parent = await node.Instances.FindAsync(parentId, Token);
        Assert.Equal(WorkflowStatus.Completed, parent!.Status);
        Assert.Equal(2, parent.Variables["results"]!.AsArray().Count(r => r!.GetValue<string>().Contains(":Cancelled:", StringComparison.Ordinal)));
    }
}
