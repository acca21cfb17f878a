using System.Text.Json.Nodes;
using Portal.Workflows.Activities;
using Portal.Workflows.Definitions;
using Portal.Workflows.Expressions;
using static Portal.Workflows.Tests.Runtime.Flow;

namespace Portal.Workflows.Tests.Validation;

public sealed class DefinitionValidatorTests
{
    private readonly DefinitionValidator validator = new(ActivityRegistry.BuiltIn(), new JintExpressionEvaluator());

    private static WorkflowDefinition Valid() => Define(
        [Node("start", "Start"), Node("route", "Decision", Js("condition", "input.placement === 'Physical'")),
         Node("count", "SetVariable", Lit("variable", "n"), Js("value", "variables.n + 1")), Node("end", "End")],
        [C("start", "route"), C("route", "count", "True"), C("route", "end", "False"), C("count", "end")],
        [Var("n", 0)]);

    [Fact]
    public void A_well_formed_definition_has_no_errors()
    {
        Assert.Empty(validator.Validate(Valid()));
    }

    [Fact]
    public void A_definition_needs_exactly_one_start()
    {
        var noStart = Valid() with { Activities = Valid().Activities.Where(a => a.Type != "Start").ToList(), Connections = [] };
        var twoStarts = Valid() with { Activities = [.. Valid().Activities, Node("start2", "Start")] };

        Assert.Contains(validator.Validate(noStart), e => e.Field == "activities" && e.Message.Contains("needs a Start", StringComparison.Ordinal));
        Assert.Contains(validator.Validate(twoStarts), e => e.Field == "activities" && e.Message.Contains("2 Start", StringComparison.Ordinal));
    }

    [Fact]
    public void A_connection_from_an_outcome_the_activity_does_not_have_is_named()
    {
        var definition = Valid() with { Connections = [.. Valid().Connections, C("route", "end", "Maybe")] };

        var error = Assert.Single(validator.Validate(definition));

        Assert.Equal("connections[4].outcome", error.Field);
        Assert.Contains("'route' (Decision) has no outcome 'Maybe'; it has True, False", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void User_task_and_switch_outcomes_come_from_their_inputs()
    {
        var definition = Define(
            [Node("start", "Start"), Node("ask", "UserTask", Lit("title", "ok?"), Lit("outcomes", new JsonArray("Approved", "Rejected"))), Node("end", "End")],
            [C("start", "ask"), C("ask", "end", "Approved"), C("ask", "end", "Rejected"), C("ask", "end", "TimedOut")]);

        Assert.Empty(validator.Validate(definition));
    }

    [Fact]
    public void An_activity_no_path_reaches_is_reported_but_a_compensation_is_not()
    {
        var definition = Valid() with
        {
            Activities = [.. Valid().Activities.Select(a => a.Id == "count" ? a with { CompensateWith = "undo" } : a), Node("orphan", "Log", Lit("message", "x")), Node("undo", "Log", Lit("message", "undo"))],
        };

        var error = Assert.Single(validator.Validate(definition));

        Assert.Equal("activities[orphan]", error.Field);
    }

    [Fact]
    public void A_missing_required_input_and_an_unknown_input_are_named()
    {
        var definition = Valid() with
        {
            Activities = [.. Valid().Activities.Select(a => a.Id == "count" ? a with { Inputs = new Dictionary<string, InputValue> { ["variable"] = InputValue.Literal("n"), ["colour"] = InputValue.Literal("red") } } : a)],
        };

        var fields = validator.Validate(definition).Select(e => e.Field).ToList();

        Assert.Contains("activities[count].inputs.value", fields);
        Assert.Contains("activities[count].inputs.colour", fields);
    }

    [Fact]
    public void An_expression_that_does_not_parse_is_named_with_its_activity_and_input()
    {
        var definition = Valid() with
        {
            Activities = [.. Valid().Activities.Select(a => a.Id == "route" ? a with { Inputs = new Dictionary<string, InputValue> { ["condition"] = InputValue.Script("input.placement ===") } } : a)],
        };

        var error = Assert.Single(validator.Validate(definition));

        Assert.Equal("activities[route].inputs.condition", error.Field);
        Assert.Contains("'route', input 'condition'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_activity_type_and_a_dangling_connection_are_named()
    {
        var definition = Valid() with
        {
            Activities = [.. Valid().Activities, Node("mystery", "Teleport")],
            Connections = [.. Valid().Connections, C("end", "mystery"), C("count", "nowhere")],
        };

        var fields = validator.Validate(definition).Select(e => e.Field).ToList();

        Assert.Contains("activities[mystery].type", fields);
        Assert.Contains("connections[4].outcome", fields);
        Assert.Contains("connections[5].to", fields);
    }

    [Fact]
    public void Every_built_in_activity_has_a_descriptor_the_palette_can_show()
    {
        var descriptors = ActivityRegistry.BuiltIn().Descriptors.ToList();

        Assert.Equal(
            ["Decision", "Delay", "End", "Fault", "Fork", "Join", "Log", "RunWorkflow", "SetVariable", "Start", "Switch", "UserTask", "WaitForSignal"],
            descriptors.Select(d => d.Type).Order(StringComparer.Ordinal));
        Assert.All(descriptors, d => Assert.False(string.IsNullOrWhiteSpace(d.Category)));
    }
}
