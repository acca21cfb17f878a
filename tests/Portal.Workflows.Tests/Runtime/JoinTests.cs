using System.Text.Json.Nodes;
using Portal.Workflows.Runtime;
using static Portal.Workflows.Tests.Runtime.Flow;

namespace Portal.Workflows.Tests.Runtime;

/// <summary>Fork and join semantics, as written in the engine's README. Each test counts join runs: exactly once.</summary>
public sealed class JoinTests
{
    private readonly EngineHarness engine = new();

    [Fact]
    public async Task An_all_join_after_a_fork_runs_once_after_every_branch()
    {
        var definition = Define(
            [Node("start", "Start"), Node("fork", "Fork"), Node("a", "Log", Lit("message", "a")), Node("b", "Log", Lit("message", "b")),
             Node("c", "Log", Lit("message", "c")), Node("join", "Join"), Node("after", "Log", Lit("message", "after"))],
            [C("start", "fork"), C("fork", "a"), C("fork", "b"), C("fork", "c"), C("a", "join"), C("b", "join"), C("c", "join"), C("join", "after")]);

        var state = await engine.StartAsync(definition);

        Assert.Equal(WorkflowStatus.Completed, state.Status);
        Assert.Equal(1, EngineHarness.Completions(state, "join"));
        Assert.Equal(1, EngineHarness.Completions(state, "after"));
        var joinAt = state.Journal.FindIndex(e => e.ActivityId == "join");
        Assert.All(["a", "b", "c"], id => Assert.True(state.Journal.FindIndex(e => e.ActivityId == id) < joinAt, $"{id} ran after the join"));
    }

    [Fact]
    public async Task An_all_join_waits_for_a_branch_that_is_suspended_and_then_runs_once()
    {
        var definition = Define(
            [Node("start", "Start"), Node("fork", "Fork"), Node("fast", "Log", Lit("message", "fast")),
             Node("slow", "WaitForSignal", Lit("signal", "ready")), Node("join", "Join"), Node("after", "Log", Lit("message", "after"))],
            [C("start", "fork"), C("fork", "fast"), C("fork", "slow"), C("fast", "join"), C("slow", "join"), C("join", "after")]);

        var state = await engine.StartAsync(definition);
        Assert.Equal(WorkflowStatus.Suspended, state.Status);
        Assert.Equal(0, EngineHarness.Completions(state, "join"));

        await engine.ResumeAsync(definition, state, "ready");

        Assert.Equal(WorkflowStatus.Completed, state.Status);
        Assert.Equal(1, EngineHarness.Completions(state, "join"));
    }

    [Theory]
    [InlineData(true, "yes")]
    [InlineData(false, "no")]
    public async Task A_branch_a_decision_skipped_does_not_hold_the_all_join(bool condition, string taken)
    {
        var definition = Define(
            [Node("start", "Start"), Node("d", "Decision", Lit("condition", condition)), Node("yes", "Log", Lit("message", "y")),
             Node("no", "Log", Lit("message", "n")), Node("join", "Join"), Node("after", "Log", Lit("message", "after"))],
            [C("start", "d"), C("d", "yes", "True"), C("d", "no", "False"), C("yes", "join"), C("no", "join"), C("join", "after")]);

        var state = await engine.StartAsync(definition);

        Assert.Equal(WorkflowStatus.Completed, state.Status);
        Assert.Equal(1, EngineHarness.Completions(state, taken));
        Assert.Equal(1, EngineHarness.Completions(state, "join"));
    }

    [Fact]
    public async Task A_skipped_branch_inside_a_fork_does_not_hold_the_join_but_the_live_one_does()
    {
        var definition = Define(
            [Node("start", "Start"), Node("fork", "Fork"), Node("d", "Decision", Lit("condition", false)), Node("skipped", "Log", Lit("message", "x")),
             Node("wait", "WaitForSignal", Lit("signal", "go")), Node("join", "Join"), Node("after", "Log", Lit("message", "after"))],
            [C("start", "fork"), C("fork", "d"), C("fork", "wait"), C("d", "skipped", "True"), C("skipped", "join"), C("wait", "join"), C("join", "after")]);

        var state = await engine.StartAsync(definition);
        Assert.Equal(0, EngineHarness.Completions(state, "join"));

        await engine.ResumeAsync(definition, state, "go");

        Assert.Equal(1, EngineHarness.Completions(state, "join"));
        Assert.Equal(0, EngineHarness.Completions(state, "skipped"));
        Assert.Equal(WorkflowStatus.Completed, state.Status);
    }

    [Fact]
    public async Task An_any_join_continues_on_the_first_branch_and_cancels_the_others()
    {
        var definition = Define(
            [Node("start", "Start"), Node("fork", "Fork"), Node("approval", "WaitForSignal", Lit("signal", "approved")),
             Node("timeout", "Delay", Lit("duration", 3600)), Node("first", "Join", Lit("mode", "any")), Node("after", "Log", Lit("message", "after"))],
            [C("start", "fork"), C("fork", "approval"), C("fork", "timeout"), C("approval", "first"), C("timeout", "first"), C("first", "after")]);

        var state = await engine.StartAsync(definition);
        Assert.Equal(2, state.Bookmarks.Count);

        await engine.ResumeAsync(definition, state, "approved");

        Assert.Equal(WorkflowStatus.Completed, state.Status);
        Assert.Empty(state.Bookmarks);
        Assert.Equal(1, EngineHarness.Completions(state, "first"));
        Assert.Contains(state.Journal, e => e.ActivityId == "timeout" && e.Event == JournalEvent.Cancelled);
    }

    [Fact]
    public async Task A_loop_back_into_an_all_join_runs_each_pass_once()
    {
        var definition = Define(
            [Node("start", "Start"), Node("join", "Join"), Node("inc", "SetVariable", Lit("variable", "n"), Js("value", "variables.n + 1")),
             Node("again", "Decision", Js("condition", "variables.n < 3")), Node("end", "End")],
            [C("start", "join"), C("join", "inc"), C("inc", "again"), C("again", "join", "True"), C("again", "end", "False")],
            [Var("n", 0)]);

        var state = await engine.StartAsync(definition);

        Assert.Equal(WorkflowStatus.Completed, state.Status);
        Assert.Equal(3, state.Variables["n"]!.GetValue<double>());
        Assert.Equal(3, EngineHarness.Completions(state, "join"));
    }

    [Fact]
    public async Task Nested_forks_join_inside_out()
    {
        var definition = Define(
            [Node("start", "Start"), Node("outer", "Fork"), Node("inner", "Fork"), Node("a", "Log", Lit("message", "a")), Node("b", "Log", Lit("message", "b")),
             Node("innerJoin", "Join"), Node("c", "WaitForSignal", Lit("signal", "c")), Node("outerJoin", "Join"), Node("end", "End")],
            [C("start", "outer"), C("outer", "inner"), C("outer", "c"), C("inner", "a"), C("inner", "b"), C("a", "innerJoin"), C("b", "innerJoin"),
             C("innerJoin", "outerJoin"), C("c", "outerJoin"), C("outerJoin", "end")]);

        var state = await engine.StartAsync(definition);
        Assert.Equal(1, EngineHarness.Completions(state, "innerJoin"));
        Assert.Equal(0, EngineHarness.Completions(state, "outerJoin"));

        await engine.ResumeAsync(definition, state, "c");

        Assert.Equal(1, EngineHarness.Completions(state, "outerJoin"));
        Assert.Equal(WorkflowStatus.Completed, state.Status);
    }
}
