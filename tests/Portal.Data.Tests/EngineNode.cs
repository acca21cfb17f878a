using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Portal.Data.Workflows;
using Portal.Workflows.Activities;
using Portal.Workflows.Expressions;
using Portal.Workflows.Hosting;
using Portal.Workflows.Runtime;

namespace Portal.Data.Tests;

/// <summary>One simulated portal node: its own DbContext, stores, runner and engine, sharing the database and clock.</summary>
internal sealed class EngineNode
{
    public EngineNode(TestDatabase database, FakeTimeProvider clock, string name, ExecutionCounter counter, params IActivity[] extra)
        : this(database, clock, name, counter, null, extra)
    {
    }

    /// <summary>A caller on <paramref name="name"/> sharing <paramref name="commits"/> with others, as the requests of one node do.</summary>
    public EngineNode(TestDatabase database, FakeTimeProvider clock, string name, ExecutionCounter counter, WorkflowGroupCommit? commits, params IActivity[] extra)
    {
        Context = database.NewContext();
        var context = Context;
        Definitions = new EfWorkflowDefinitionStore(context);
        Instances = new EfWorkflowInstanceStore(context);
        var runner = new WorkflowRunner(
            new ActivityRegistry(ActivityRegistry.Discover(typeof(ActivityRegistry).Assembly).Append(counter).Concat(extra)),
            new JintExpressionEvaluator(), clock, NullLogger<WorkflowRunner>.Instance) { CheckpointBeforeSideEffects = true };
        Engine = new WorkflowEngine(Definitions, Instances, runner, clock, new WorkflowEngineOptions { NodeId = name }, new PublishedDefinitionCache(), NullLogger<WorkflowEngine>.Instance, commits);
    }

    /// <summary>The node's connection to the database; disposing it is the node's death (nothing it does after reaches the database).</summary>
    public PortalDbContext Context { get; }

    public EfWorkflowDefinitionStore Definitions { get; }

    public EfWorkflowInstanceStore Instances { get; }

    public WorkflowEngine Engine { get; }

    /// <summary>Processes due work until none is left for this node.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        while (await Engine.ProcessDueAsync(20, cancellationToken) > 0)
        {
        }
    }
}

/// <summary>A side-effecting test activity: counts how often each step (idempotency key) really ran.</summary>
internal sealed class ExecutionCounter : IActivity
{
    public ConcurrentDictionary<string, int> Runs { get; } = new();

    public ActivityDescriptor Descriptor { get; } = new() { Type = "Count", Category = "Test", DisplayName = "Count", HasSideEffects = true };

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        Runs.AddOrUpdate($"{context.InstanceId}:{context.Node.Id}", 1, (_, n) => n + 1);
        return ValueTask.FromResult(ActivityResult.Complete());
    }
}
