using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using Portal.Workflows.Activities;
using Portal.Workflows.Definitions;
using Portal.Workflows.Runtime;

namespace Portal.Data.Tests;

/// <summary>
/// A node dies while a side effect acts, before the result is committed. The start of that activity ("started,
/// key K") was committed before it acted, so another node runs only that activity again, handing the driver
/// the same key — the driver answers with its earlier result — and nothing that completed before runs twice.
/// </summary>
public sealed class CrashRecoveryTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>A driver call that records its idempotency keys; the first call "crashes the node" right after acting.</summary>
    private sealed class SideEffect : IActivity
    {
        public ConcurrentQueue<string> Keys { get; } = new();

        public bool CrashNextCall { get; set; } = true;

        /// <summary>The node's death: its connection goes, so it can write nothing more (no commit, no give-back).</summary>
        public Action Crash { get; set; } = () => { };

        public ActivityDescriptor Descriptor { get; } = new() { Type = "SideEffect", Category = "Test", DisplayName = "Side effect", HasSideEffects = true };

        public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
        {
            Keys.Enqueue(context.IdempotencyKey);
            if (CrashNextCall)
            {
                CrashNextCall = false;
                Crash();
                throw new OperationCanceledException("The node died.");
            }

            return ValueTask.FromResult(ActivityResult.Complete());
        }
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSql")]
    public async Task A_step_interrupted_before_its_commit_reruns_on_another_node_with_the_same_idempotency_key(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var sideEffect = new SideEffect();
        var counter = new ExecutionCounter();
        var doomed = new EngineNode(database, clock, "doomed", counter, sideEffect);
        sideEffect.Crash = doomed.Context.Dispose;
        await doomed.Definitions.PublishAsync(new WorkflowDefinition
        {
            Id = "crashy", Name = "Crashy",
            Activities = [new() { Id = "start", Type = "Start" }, new() { Id = "before", Type = "Count" }, new() { Id = "deploy", Type = "SideEffect" }, new() { Id = "after", Type = "Count" }],
            Connections = [new("start", "Done", "before"), new("before", "Done", "deploy"), new("deploy", "Done", "after")],
        }, "test", clock.GetUtcNow(), Token);
        var id = (await doomed.Engine.StartAsync("crashy", null, null, Token)).Value.InstanceId;

        // The worker survives its steps' failures; the dead node's last step reached the database no further than "started".
        while (sideEffect.CrashNextCall)
        {
            Assert.True(await doomed.Engine.ProcessDueAsync(10, Token) > 0);
        }

        var survivor = new EngineNode(database, clock, "survivor", counter, sideEffect);
        Assert.Equal(WorkflowStatus.Running, (await survivor.Instances.FindAsync(id, Token))!.Status);
        await survivor.DrainAsync(Token);
        Assert.Equal(WorkflowStatus.Running, (await survivor.Instances.FindAsync(id, Token))!.Status);

        clock.Advance(TimeSpan.FromMinutes(3));
        await survivor.DrainAsync(Token);

        Assert.Equal(WorkflowStatus.Completed, (await survivor.Instances.FindAsync(id, Token))!.Status);
        var keys = sideEffect.Keys.ToArray();
        Assert.Equal(2, keys.Length);
        Assert.Equal(keys[0], keys[1]);
        Assert.Equal(1, counter.Runs[$"{id}:after"]);
        Assert.Equal(1, counter.Runs[$"{id}:before"]);
    }
}
