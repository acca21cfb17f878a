using System.Text.Json.Nodes;
using Portal.Workflows.Runtime;
using static Portal.Workflows.Tests.Runtime.Flow;

namespace Portal.Workflows.Tests.Runtime;

public sealed class FlowTests
{
    private readonly EngineHarness engine = new();

    [Fact]
    public async Task A_sequence_runs_in_order_and_completes()
    {
        var definition = Define(
            [Node("start", "Start"), Node("a", "SetVariable", Lit("variable", "n"), Js("value", "variables.n + 1")),
             Node("b", "SetVariable", Lit("variable", "n"), Js("value", "variables.n * 10")), Node("end", "End")],
            [C("start", "a"), C("a", "b"), C("b", "end")],
            [Var("n", 1)]);

        var state = await engine.StartAsync(definition);

        Assert.Equal(WorkflowStatus.Completed, state.Status);
        Assert.Equal(20, state.Variables["n"]!.GetValue<double>());
        Assert.Equal(["start", "a", "b", "end"], state.Journal.Select(e => e.ActivityId));
    }

    [Theory]
    [InlineData("Physical", "physical")]
    [InlineData("Virtual", "virtual")]
    public async Task A_decision_takes_the_branch_its_condition_names(string placement, string expected)
    {
        var definition = Define(
            [Node("start", "Start"), Node("route", "Decision", Js("condition", "input.placement === 'Physical'")),
             Node("physical", "Log", Lit("message", "bare metal")), Node("virtual", "Log", Lit("message", "vm"))],
            [C("start", "route"), C("route", "physical", "True"), C("route", "virtual", "False")],
            inputs: [new() { Name = "placement", Required = true }]);

        var state = await engine.StartAsync(definition, new JsonObject { ["placement"] = placement });

        Assert.Contains(state.Journal, e => e.ActivityId == expected);
        Assert.DoesNotContain(state.Journal, e => e.ActivityId == (expected == "physical" ? "virtual" : "physical"));
    }

    [Theory]
    [InlineData("gold", "gold")]
    [InlineData("bronze", "other")]
    public async Task A_switch_goes_to_the_matching_case_or_default(string tier, string expected)
    {
        var definition = Define(
            [Node("start", "Start"), Node("tier", "Switch", Js("value", "input.tier"), Lit("cases", new JsonArray("gold", "silver"))),
             Node("gold", "Log", Lit("message", "g")), Node("silver", "Log", Lit("message", "s")), Node("other", "Log", Lit("message", "o"))],
            [C("start", "tier"), C("tier", "gold", "gold"), C("tier", "silver", "silver"), C("tier", "other", "Default")],
            inputs: [new() { Name = "tier" }]);

        var state = await engine.StartAsync(definition, new JsonObject { ["tier"] = tier });

        Assert.Single(state.Journal, e => e.ActivityId == expected);
        Assert.Equal(WorkflowStatus.Completed, state.Status);
    }

    [Fact]
    public async Task A_missing_required_input_is_refused_on_its_name()
    {
        var definition = Define([Node("start", "Start")], [], inputs: [new() { Name = "requestId", Required = true }]);

        var started = await engine.Runner.StartAsync(definition, 1, null, null, CancellationToken.None);

        Assert.Equal("inputs.requestId", Assert.Single(started.Errors).Field);
    }

    [Fact]
    public async Task An_expression_that_throws_faults_the_activity_naming_it_and_the_input()
    {
        var definition = Define(
            [Node("start", "Start"), Node("count", "SetVariable", Lit("variable", "n"), Js("value", "variables.missing.deeper"))],
            [C("start", "count")],
            [Var("n", 0)]);

        var state = await engine.StartAsync(definition);

        Assert.Equal(WorkflowStatus.Faulted, state.Status);
        Assert.Contains("'count'", state.FaultMessage, StringComparison.Ordinal);
        Assert.Contains("input 'value'", state.FaultMessage, StringComparison.Ordinal);
        Assert.Single(state.Incidents);
    }

    [Fact]
    public async Task The_fault_activity_fails_the_instance_with_its_message()
    {
        var definition = Define([Node("start", "Start"), Node("stop", "Fault", Lit("message", "No capacity anywhere"))], [C("start", "stop")]);

        var state = await engine.StartAsync(definition);

        Assert.Equal(WorkflowStatus.Faulted, state.Status);
        Assert.Equal("No capacity anywhere", state.FaultMessage);
    }

    [Fact]
    public async Task The_journal_masks_inputs_that_read_a_secret()
    {
        var definition = Define(
            [Node("start", "Start"), Node("log", "Log", Js("message", "'password is ' + input.adminPassword"))],
            [C("start", "log")],
            inputs: [new() { Name = "adminPassword", Secret = true }]);

        var state = await engine.StartAsync(definition, new JsonObject { ["adminPassword"] = "Hunter2!" });

        var entry = state.Journal.Single(e => e.ActivityId == "log");
        Assert.Equal("••••••", entry.Inputs!["message"]!.GetValue<string>());
        Assert.DoesNotContain("Hunter2", System.Text.Json.JsonSerializer.Serialize(state.Journal), StringComparison.Ordinal);
    }
}
