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
        : this(database, clock, name, counter, new EngineSettings(), extra)
    {
    }

    /// <summary>A caller on <paramref name="name"/> sharing <paramref name="commits"/> with others, as the requests of one node do.</summary>
    public EngineNode(TestDatabase database, FakeTimeProvider clock, string name, ExecutionCounter counter, WorkflowGroupCommit? commits, params IActivity[] extra)
        : this(database, clock, name, counter, new EngineSettings { Commits = commits }, extra)
    {
    }

    /// <summary>A node with its own budgets and engine options (lease, heartbeat, concurrency).</summary>
    public EngineNode(TestDatabase database, FakeTimeProvider clock, string name, ExecutionCounter counter, EngineSettings settings, params IActivity[] extra)
    {
        Context = database.NewContext();
        Definitions = new EfWorkflowDefinitionStore(Context);
        Instances = new EfWorkflowInstanceStore(Context);
        var runner = new WorkflowRunner(
            new ActivityRegistry(ActivityRegistry.Discover(typeof(ActivityRegistry).Assembly).Append(counter).Concat(extra)),
            new JintExpressionEvaluator(), clock, NullLogger<WorkflowRunner>.Instance)
        {
            CheckpointBeforeSideEffects = true,
            StepBudget = settings.StepBudget,
            TotalStepBudget = settings.TotalStepBudget,
            IsTransientFailure = settings.IsTransientFailure,
        };
        Options = (settings.Options ?? new WorkflowEngineOptions()) with { NodeId = name };
        Engine = new WorkflowEngine(Definitions, Instances, runner, clock, Options, new PublishedDefinitionCache(), NullLogger<WorkflowEngine>.Instance, settings.Commits);
    }

    public WorkflowEngineOptions Options { get; }

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

/// <summary>How a test node runs: the runner's budgets, the engine's options, a group commit shared with other callers.</summary>
internal sealed record EngineSettings
{
    public int StepBudget { get; init; }

    public long TotalStepBudget { get; init; } = 10_000;

    public Func<Exception, bool>? IsTransientFailure { get; init; }

    public WorkflowEngineOptions? Options { get; init; }

    public WorkflowGroupCommit? Commits { get; init; }
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
