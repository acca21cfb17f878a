using System.Text.Json.Nodes;
using Portal.Workflows.Activities;
using Portal.Workflows.Definitions;
using Portal.Workflows.Runtime;
using static Portal.Workflows.Tests.Runtime.Flow;

namespace Portal.Workflows.Tests.Runtime;

public sealed class FaultHandlingTests
{
    /// <summary>Fails a set number of times, then succeeds; counts its executions and compensations.</summary>
    private sealed class FlakyActivity(int failures) : IActivity
    {
        public int Executions { get; private set; }

        public List<string> Calls { get; } = [];

        public ActivityDescriptor Descriptor { get; } = new() { Type = "Flaky", Category = "Test", DisplayName = "Flaky" };

        public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
        {
            Executions++;
            Calls.Add(context.Node.Id);
            return ValueTask.FromResult(Executions <= failures
                ? ActivityResult.Fail($"Attempt {Executions} failed")
                : ActivityResult.Complete(output: context.IdempotencyKey));
        }
    }

    private static WorkflowDefinition Retried(int maxAttempts) => Define(
        [Node("start", "Start"), Node("flaky", "Flaky") with { Retry = new RetryPolicy { MaxAttempts = maxAttempts, InitialDelay = TimeSpan.FromSeconds(10) } }, Node("end", "End")],
        [C("start", "flaky"), C("flaky", "end")]);

    [Fact]
    public async Task A_failing_activity_is_retried_with_backoff_until_it_succeeds()
    {
        var flaky = new FlakyActivity(failures: 2);
        var engine = new EngineHarness(flaky);
        var definition = Retried(maxAttempts: 3);

        var state = await engine.StartAsync(definition);
        var firstRetry = Assert.Single(state.Bookmarks);
        Assert.Equal(WorkflowRunner.RetryBookmark, firstRetry.Name);
        Assert.Equal(engine.Clock.GetUtcNow().AddSeconds(10), firstRetry.DueAt);

        engine.Clock.Advance(TimeSpan.FromSeconds(10));
        await engine.FireDueAsync(definition, state);
        Assert.Equal(engine.Clock.GetUtcNow().AddSeconds(20), state.Bookmarks.Single().DueAt);

        engine.Clock.Advance(TimeSpan.FromSeconds(20));
        await engine.FireDueAsync(definition, state);

        Assert.Equal(WorkflowStatus.Completed, state.Status);
        Assert.Equal(3, flaky.Executions);
        Assert.Equal(2, state.Incidents.Count);
    }

    [Fact]
    public async Task Every_attempt_of_one_step_carries_the_same_idempotency_key()
    {
        var flaky = new FlakyActivity(failures: 1);
        var engine = new EngineHarness(flaky);
        var definition = Retried(maxAttempts: 2);

        var state = await engine.StartAsync(definition);
        var executionId = state.Bookmarks.Single().ExecutionId;
        engine.Clock.Advance(TimeSpan.FromMinutes(1));
        await engine.FireDueAsync(definition, state);

        Assert.Equal($"{state.InstanceId}:flaky:{executionId}", state.Outputs["flaky"]!.GetValue<string>());
    }

    [Fact]
    public async Task When_retries_run_out_the_instance_faults_and_an_admin_retry_runs_it_again()
    {
        var flaky = new FlakyActivity(failures: 2);
        var engine = new EngineHarness(flaky);
        var definition = Retried(maxAttempts: 2);
        var state = await engine.StartAsync(definition);
        engine.Clock.Advance(TimeSpan.FromMinutes(1));
        await engine.FireDueAsync(definition, state);
        Assert.Equal(WorkflowStatus.Faulted, state.Status);
        Assert.Equal("Attempt 2 failed", state.FaultMessage);

        Assert.True(await engine.Runner.RetryAsync(definition, state, CancellationToken.None));

        Assert.Equal(WorkflowStatus.Completed, state.Status);
        Assert.All(state.Incidents, i => Assert.True(i.Resolved));
    }

    [Fact]
    public async Task An_admin_skips_a_failed_activity_with_a_chosen_outcome()
    {
        var engine = new EngineHarness(new FlakyActivity(failures: 99));
        var definition = Retried(maxAttempts: 1);
        var state = await engine.StartAsync(definition);

        var wrong = await engine.Runner.SkipAsync(definition, state, "Nope", CancellationToken.None);
        Assert.Equal("outcome", Assert.Single(wrong.Errors).Field);

        var skipped = await engine.Runner.SkipAsync(definition, state, "Done", CancellationToken.None);

        Assert.True(skipped.IsValid);
        Assert.Equal(WorkflowStatus.Completed, state.Status);
        Assert.Contains(state.Journal, e => e.ActivityId == "flaky" && e.Event == JournalEvent.Skipped);
    }

    [Fact]
    public async Task Cancelling_runs_the_declared_compensations_once_newest_first()
    {
        var recorder = new FlakyActivity(failures: 0);
        var engine = new EngineHarness(recorder);
        var definition = Define(
            [
                Node("start", "Start"),
                Node("reserve", "Log", Lit("message", "reserve")) with { CompensateWith = "release" },
                Node("convert", "Log", Lit("message", "convert")) with { CompensateWith = "cleanup" },
                Node("wait", "WaitForSignal", Lit("signal", "done")),
                Node("release", "Flaky"), Node("cleanup", "Flaky"),
            ],
            [C("start", "reserve"), C("reserve", "convert"), C("convert", "wait")]);
        var state = await engine.StartAsync(definition);

        Assert.True(await engine.Runner.CancelAsync(definition, state, CancellationToken.None));

        Assert.Equal(WorkflowStatus.Cancelled, state.Status);
        Assert.Equal(["cleanup", "release"], recorder.Calls);
        Assert.Empty(state.Bookmarks);
        Assert.False(await engine.Runner.CancelAsync(definition, state, CancellationToken.None));
    }
}
