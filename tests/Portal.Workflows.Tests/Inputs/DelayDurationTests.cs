using System.Text.Json.Nodes;
using Portal.Workflows.Runtime;
using Portal.Workflows.Tests.Runtime;
using static Portal.Workflows.Tests.Runtime.Flow;

namespace Portal.Workflows.Tests.Inputs;

/// <summary>The Delay reads its duration by the one rule, on the engine's clock (a fake one here).</summary>
public sealed class DelayDurationTests
{
    private readonly EngineHarness engine = new();

    [Theory]
    [InlineData("2", 2)]
    [InlineData("30s", 30)]
    [InlineData("5m", 300)]
    [InlineData("2h", 7200)]
    [InlineData("1d", 86400)]
    [InlineData("00:10:00", 600)]
    public async Task A_delay_is_due_after_its_duration_read_by_the_rule(string duration, int seconds)
    {
        var definition = Define(
            [Node("start", "Start"), Node("pause", "Delay", Lit("duration", duration)), Node("end", "End")],
            [C("start", "pause"), C("pause", "end")]);

        var state = await engine.StartAsync(definition);

        var timer = Assert.Single(state.Bookmarks);
        Assert.Equal(engine.Clock.GetUtcNow().AddSeconds(seconds), timer.DueAt);
    }

    [Fact]
    public async Task A_delay_of_2_waits_two_seconds_not_two_days()
    {
        var definition = Define(
            [Node("start", "Start"), Node("pause", "Delay", Lit("duration", "2")), Node("end", "End")],
            [C("start", "pause"), C("pause", "end")]);
        var state = await engine.StartAsync(definition);

        engine.Clock.Advance(TimeSpan.FromSeconds(1));
        await engine.FireDueAsync(definition, state);
        Assert.Equal(WorkflowStatus.Suspended, state.Status);

        engine.Clock.Advance(TimeSpan.FromSeconds(1));
        await engine.FireDueAsync(definition, state);
        Assert.Equal(WorkflowStatus.Completed, state.Status);
    }

    [Fact]
    public async Task A_delay_whose_duration_is_not_one_faults_with_the_reason()
    {
        var definition = Define(
            [Node("start", "Start"), Node("pause", "Delay", Js("duration", "'two days'")), Node("end", "End")],
            [C("start", "pause"), C("pause", "end")]);

        var state = await engine.StartAsync(definition);

        Assert.Equal(WorkflowStatus.Faulted, state.Status);
        var incident = Assert.Single(state.Incidents);
        Assert.Contains("input 'duration': \"two days\" is not a duration", incident.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_numeric_duration_from_an_expression_is_seconds()
    {
        var definition = Define(
            [Node("start", "Start"), Node("pause", "Delay", Js("duration", "60 * 2")), Node("end", "End")],
            [C("start", "pause"), C("pause", "end")]);

        var state = await engine.StartAsync(definition);

        Assert.Equal(engine.Clock.GetUtcNow().AddMinutes(2), Assert.Single(state.Bookmarks).DueAt);
    }
}
