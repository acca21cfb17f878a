using Microsoft.Extensions.Time.Testing;
using Portal.Workflows.Definitions;
using Portal.Workflows.Runtime;

namespace Portal.Data.Tests;

/// <summary>
/// A node runs several instances' steps from one claim, and each step commits the moment it ends: a finished step is
/// never left waiting on a slow step of another instance claimed with it. (Committing the whole batch at the end lost
/// every finished step when the node died during a slow one, and another node ran them all again.)
/// </summary>
public sealed class StepCommitTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static WorkflowDefinition Flow(string id, params string[] types) => new()
    {
        Id = id, Name = id,
        Activities = [new() { Id = "start", Type = "Start" }, .. types.Select((t, i) => new ActivityNode { Id = $"s{i}", Type = t })],
        Connections = [new("start", "Done", "s0"), .. types.Skip(1).Select((_, i) => new Connection($"s{i}", "Done", $"s{i + 1}"))],
    };

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSql")]
    public async Task A_step_that_ends_commits_while_another_instance_claimed_with_it_is_still_running_and_survives_the_node(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var counter = new ExecutionCounter();
        var hold = new HoldActivity();
        var doomed = new EngineNode(database, clock, "doomed", counter, hold);
        await doomed.Definitions.PublishAsync(Flow("slow", "Hold", "Count"), "test", clock.GetUtcNow(), Token);
        await doomed.Definitions.PublishAsync(Flow("quick", "Count"), "test", clock.GetUtcNow(), Token);
        // Each start commits "started" before its side effect and leaves one due item: one claim takes both.
        var slow = (await doomed.Engine.StartAsync("slow", null, null, Token)).Value.InstanceId;
        var quick = (await doomed.Engine.StartAsync("quick", null, null, Token)).Value.InstanceId;
        using var death = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var batch = doomed.Engine.ProcessDueAsync(20, death.Token);
        await hold.Entered.WaitAsync(TimeSpan.FromSeconds(60), Token);

        // The slow instance is still in its step on this node; the quick one, claimed in the same batch, is already
        // in the database as done: completed, no work left, no lease.
        await EngineRows.EventuallyAsync(
            async () => (await EngineRows.InstanceAsync(database, quick, Token)) is { Status: WorkflowStatus.Completed, LeaseOwner: null },
            "the quick instance's step commits while the slow one, from the same claim, still runs", Token);
        Assert.StartsWith("doomed#", (await EngineRows.InstanceAsync(database, slow, Token)).LeaseOwner);
        Assert.False(batch.IsCompleted, "The batch must still be running the slow step.");
        Assert.Empty(await EngineRows.WorkOfAsync(database, quick, Token));

        // The node dies in the middle of the slow step: its connection goes, so nothing more of it reaches the database.
        await doomed.Context.DisposeAsync();
        await death.CancelAsync();
        await batch.WaitAsync(TimeSpan.FromSeconds(60), Token);
        hold.Release();

        // Once the dead node's lease and claim have run out, another node finishes the slow instance alone.
        clock.Advance(TimeSpan.FromMinutes(3));
        var survivor = new EngineNode(database, clock, "survivor", counter, hold);
        await survivor.DrainAsync(Token);

        Assert.Equal(WorkflowStatus.Completed, (await survivor.Instances.FindAsync(slow, Token))!.Status);
        Assert.Equal(WorkflowStatus.Completed, (await survivor.Instances.FindAsync(quick, Token))!.Status);
        Assert.Equal(1, counter.Runs[$"{quick}:s0"]);
        Assert.Equal(2, hold.Runs[$"{slow}:s0"]);
        Assert.Equal(1, counter.Runs[$"{slow}:s1"]);
    }
}
