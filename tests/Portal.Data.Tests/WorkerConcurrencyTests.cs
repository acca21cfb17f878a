using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Portal.Workflows.Definitions;
using Portal.Workflows.Hosting;
using Portal.Workflows.Runtime;

namespace Portal.Data.Tests;

/// <summary>
/// A node's worker runs up to Concurrency steps at once and claims no more work than it has free slots, so that work
/// due at once spreads over the nodes instead of queueing behind one node's slow steps.
/// </summary>
public sealed class WorkerConcurrencyTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static readonly WorkflowDefinition Held = new()
    {
        Id = "held", Name = "held",
        Activities = [new() { Id = "start", Type = "Start" }, new() { Id = "write", Type = "Hold" }],
        Connections = [new("start", "Done", "write")],
    };

    private static EngineSettings Slots(int concurrency) => new() { Options = new WorkflowEngineOptions { Concurrency = concurrency } };

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSql")]
    public async Task A_worker_claims_only_as_many_items_as_it_has_free_slots_and_another_node_takes_the_rest(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var hold = new HoldActivity();
        var first = new EngineNode(database, clock, "first", new ExecutionCounter(), Slots(2), hold);
        await first.Definitions.PublishAsync(Held, "test", clock.GetUtcNow(), Token);
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await first.Engine.StartAsync("held", null, null, Token)).Value.InstanceId);
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);
        Task Idle(CancellationToken idle) => Task.Delay(TimeSpan.FromMilliseconds(20), idle);
        var firstWorker = first.Engine.RunWorkerAsync(Idle, stop.Token, CancellationToken.None);
        await EngineRows.EventuallyAsync(async () => (await ClaimedByAsync(database, "first")).Count >= 2, "the first node claims its two items", Token);

        // Five items were due; the first node, with two slots, took two and is running both at once.
        var second = new EngineNode(database, clock, "second", new ExecutionCounter(), Slots(4), hold);
        var secondWorker = second.Engine.RunWorkerAsync(Idle, stop.Token, CancellationToken.None);
        await EngineRows.EventuallyAsync(
            async () => (await ClaimedByAsync(database, "first")).Count + (await ClaimedByAsync(database, "second")).Count == 5, "all five items are claimed", Token);
        await EngineRows.EventuallyAsync(() => Task.FromResult(hold.Runs.Count == 5), "all five steps run at once, two on the first node", Token);

        var onFirst = await ClaimedByAsync(database, "first");
        var onSecond = await ClaimedByAsync(database, "second");
        Assert.Equal(2, onFirst.Count);
        Assert.Equal(3, onSecond.Count);
        Assert.Equal(ids.Order(), onFirst.Concat(onSecond).Order());
        foreach (var id in onFirst)
        {
            Assert.StartsWith("first#", (await EngineRows.InstanceAsync(database, id, Token)).LeaseOwner);
        }

        hold.Release();
        await EngineRows.EventuallyAsync(
            async () => (await Task.WhenAll(ids.Select(id => EngineRows.InstanceAsync(database, id, Token)))).All(i => i.Status == WorkflowStatus.Completed),
            "every instance completes", Token);
        await stop.CancelAsync();
        await Task.WhenAll(firstWorker, secondWorker).WaitAsync(TimeSpan.FromSeconds(60), Token);
        Assert.All(ids, id => Assert.Equal(1, hold.Runs[$"{id}:write"]));
    }

    /// <summary>The instances whose work items <paramref name="node"/> holds claimed now (a claim is "node#token").</summary>
    private static async Task<List<string>> ClaimedByAsync(TestDatabase database, string node)
    {
        await using var db = database.NewContext();
        var claim = node + "#";
        return await db.WorkItems.AsNoTracking().Where(w => w.ClaimedBy != null && w.ClaimedBy.StartsWith(claim))
            .Select(w => w.InstanceId).Distinct().ToListAsync(Token);
    }
}
