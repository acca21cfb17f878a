using Portal.Workflows.Hosting;

namespace Portal.Workflows.Tests.Hosting;

public sealed class WorkflowGroupCommitTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Callers_arriving_while_a_batch_is_written_are_written_together_in_the_next()
    {
        var commits = new WorkflowGroupCommit();
        var store = new RecordingStore { HoldFirst = true };
        var first = commits.WriteAsync(store, RecordingStore.Write("first"));
        await store.FirstEntered.WaitAsync(Patience, TestContext.Current.CancellationToken);

        var waiting = Enumerable.Range(1, 5).Select(i => commits.WriteAsync(store, RecordingStore.Write($"w{i}"))).ToList();
        store.ReleaseFirst();
        await Task.WhenAll(waiting.Append(first)).WaitAsync(Patience, TestContext.Current.CancellationToken);

        Assert.Equal([["first"], ["w1", "w2", "w3", "w4", "w5"]], store.Batches.Select(b => b.ToArray()).ToArray());
    }

    [Fact]
    public async Task Each_caller_gets_the_outcome_of_its_own_write()
    {
        var commits = new WorkflowGroupCommit();
        var store = new RecordingStore { HoldFirst = true };
        var first = commits.WriteAsync(store, RecordingStore.Write("first"));
        await store.FirstEntered.WaitAsync(Patience, TestContext.Current.CancellationToken);

        var accepted = commits.WriteAsync(store, RecordingStore.Write("accepted"));
        var refused = commits.WriteAsync(store, RecordingStore.Write("refused"));
        store.ReleaseFirst();

        Assert.True((await accepted.WaitAsync(Patience, TestContext.Current.CancellationToken)).Applied, "The accepted write was applied.");
        Assert.False((await refused.WaitAsync(Patience, TestContext.Current.CancellationToken)).Applied, "The refused write must be reported to its own caller only.");
        Assert.True((await first).Applied);
    }

    [Fact]
    public async Task A_write_that_fails_its_batch_fails_only_its_own_caller()
    {
        var commits = new WorkflowGroupCommit();
        var store = new RecordingStore { HoldFirst = true };
        var first = commits.WriteAsync(store, RecordingStore.Write("first"));
        await store.FirstEntered.WaitAsync(Patience, TestContext.Current.CancellationToken);

        var before = commits.WriteAsync(store, RecordingStore.Write("before"));
        var poison = commits.WriteAsync(store, RecordingStore.Write("poison"));
        var after = commits.WriteAsync(store, RecordingStore.Write("after"));
        store.ReleaseFirst();

        await Assert.ThrowsAsync<InvalidOperationException>(() => poison.WaitAsync(Patience, TestContext.Current.CancellationToken));
        Assert.True((await before.WaitAsync(Patience, TestContext.Current.CancellationToken)).Applied, "A write batched with a failing one is written again on its own.");
        Assert.True((await after.WaitAsync(Patience, TestContext.Current.CancellationToken)).Applied, "A write batched with a failing one is written again on its own.");
        Assert.True((await first).Applied);
    }

    [Fact]
    public async Task Many_concurrent_callers_all_complete_and_every_write_is_written_once()
    {
        var commits = new WorkflowGroupCommit();
        var store = new RecordingStore();
        var ids = Enumerable.Range(0, 500).Select(i => $"i{i}").ToList();

        var outcomes = await Task.WhenAll(ids.Select(id => Task.Run(() => commits.WriteAsync(store, RecordingStore.Write(id)))))
            .WaitAsync(Patience, TestContext.Current.CancellationToken);

        Assert.All(outcomes, o => Assert.True(o.Applied));
        Assert.Equal(ids.Order(), store.Batches.SelectMany(b => b).Order());
    }
}
