using System.Text.Json.Nodes;
using Portal.Workflows.Runtime;
using static Portal.Workflows.Tests.Runtime.Flow;

namespace Portal.Workflows.Tests.Runtime;

public sealed class BookmarkTests
{
    private readonly EngineHarness engine = new();

    private static readonly Portal.Workflows.Definitions.WorkflowDefinition SignalFlow = Define(
        [Node("start", "Start"), Node("wait", "WaitForSignal", Lit("signal", "deployment-finished")),
         Node("count", "SetVariable", Lit("variable", "n"), Js("value", "variables.n + 1")), Node("end", "End")],
        [C("start", "wait"), C("wait", "count"), C("count", "end")],
        [Var("n", 0)]);

    [Fact]
    public async Task A_signal_suspends_the_instance_and_its_payload_becomes_the_output()
    {
        var state = await engine.StartAsync(SignalFlow, correlationId: "request-42");
        Assert.Equal(WorkflowStatus.Suspended, state.Status);
        Assert.Equal("deployment-finished", Assert.Single(state.Bookmarks).Name);

        var result = await engine.ResumeAsync(SignalFlow, state, "deployment-finished", new JsonObject { ["ip"] = "10.0.0.7" });

        Assert.Equal(ResumeOutcome.Resumed, result.Outcome);
        Assert.Equal(WorkflowStatus.Completed, state.Status);
        Assert.Equal("10.0.0.7", state.Outputs["wait"]!["ip"]!.GetValue<string>());
    }

    [Fact]
    public async Task Resuming_a_consumed_bookmark_again_is_a_no_op()
    {
        var state = await engine.StartAsync(SignalFlow);
        var bookmarkId = state.Bookmarks.Single().Id;
        await engine.Runner.ResumeAsync(SignalFlow, state, bookmarkId, null, CancellationToken.None);

        var again = await engine.Runner.ResumeAsync(SignalFlow, state, bookmarkId, null, CancellationToken.None);

        Assert.Equal(ResumeOutcome.NotFound, again.Outcome);
        Assert.Equal(1, state.Variables["n"]!.GetValue<double>());
        Assert.Equal(1, EngineHarness.Completions(state, "count"));
    }

    [Fact]
    public async Task A_delay_waits_on_a_timer_that_is_due_after_its_duration()
    {
        var definition = Define(
            [Node("start", "Start"), Node("pause", "Delay", Lit("duration", "00:10:00")), Node("end", "End")],
            [C("start", "pause"), C("pause", "end")]);

        var state = await engine.StartAsync(definition);
        var timer = Assert.Single(state.Bookmarks);
        Assert.Equal(engine.Clock.GetUtcNow().AddMinutes(10), timer.DueAt);

        engine.Clock.Advance(TimeSpan.FromMinutes(9));
        Assert.Empty(WorkflowRunner.DueBookmarks(state, engine.Clock.GetUtcNow()));
        engine.Clock.Advance(TimeSpan.FromMinutes(1));
        await engine.FireDueAsync(definition, state);

        Assert.Equal(WorkflowStatus.Completed, state.Status);
    }

    [Fact]
    public async Task A_delay_until_a_past_time_does_not_wait()
    {
        var definition = Define(
            [Node("start", "Start"), Node("pause", "Delay", Lit("until", "2020-01-01T00:00:00Z")), Node("end", "End")],
            [C("start", "pause"), C("pause", "end")]);

        var state = await engine.StartAsync(definition);

        Assert.Equal(WorkflowStatus.Completed, state.Status);
    }

    [Fact]
    public async Task The_state_is_plain_data_that_resumes_after_a_round_trip_through_json()
    {
        var state = await engine.StartAsync(SignalFlow);
        var stored = System.Text.Json.JsonSerializer.Serialize(state);
        var loaded = System.Text.Json.JsonSerializer.Deserialize<WorkflowState>(stored)!;

        var result = await engine.ResumeAsync(SignalFlow, loaded, "deployment-finished");

        Assert.Equal(ResumeOutcome.Resumed, result.Outcome);
        Assert.Equal(WorkflowStatus.Completed, loaded.Status);
    }
}
