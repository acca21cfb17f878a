using System.Text.Json.Nodes;
using Portal.Workflows.Activities;
using Portal.Workflows.Definitions;
using Portal.Workflows.Expressions;
using static Portal.Workflows.Tests.Runtime.Flow;

namespace Portal.Workflows.Tests.Inputs;

/// <summary>What publishing refuses about inputs and durations, before anything can run.</summary>
public sealed class DefinitionInputRulesTests
{
    private readonly DefinitionValidator validator = new(ActivityRegistry.BuiltIn(), new JintExpressionEvaluator());

    private static WorkflowDefinition WithDelay(JsonNode duration, params WorkflowInput[] inputs) => Define(
        [Node("start", "Start"), Node("pause", "Delay", Lit("duration", duration)), Node("end", "End")],
        [C("start", "pause"), C("pause", "end")], inputs: inputs);

    [Theory]
    [InlineData("2")]
    [InlineData("30s")]
    [InlineData("00:05:00")]
    [InlineData("1.00:00:00")]
    public void A_delay_with_a_duration_the_rule_reads_is_valid(string duration)
    {
        Assert.Empty(validator.Validate(WithDelay(JsonValue.Create(duration))));
    }

    [Fact]
    public void A_delay_whose_literal_duration_is_not_one_is_refused_naming_the_field()
    {
        var error = Assert.Single(validator.Validate(WithDelay(JsonValue.Create("2 days"))));

        Assert.Equal("activities[pause].inputs.duration", error.Field);
        Assert.Contains("\"2 days\" is not a duration", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_negative_duration_is_refused()
    {
        var error = Assert.Single(validator.Validate(WithDelay(JsonValue.Create(-5))));

        Assert.Equal("activities[pause].inputs.duration", error.Field);
        Assert.Contains("negative", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_input_type_the_portal_does_not_know_is_refused_listing_the_known_ones()
    {
        var error = Assert.Single(validator.Validate(WithDelay(JsonValue.Create(1), new WorkflowInput { Name = "id", Type = "uuid" })));

        Assert.Equal("inputs[0].type", error.Field);
        Assert.Contains("'uuid'; use one of string, number, integer, boolean, object, array, guid, duration, datetime, any", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_default_of_the_wrong_kind_is_refused()
    {
        var error = Assert.Single(validator.Validate(WithDelay(JsonValue.Create(1), new WorkflowInput { Name = "count", Type = "number", Default = "three" })));

        Assert.Equal("inputs[0].default", error.Field);
        Assert.Contains("must be a number, not a string", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_workflows_declare_only_known_input_types()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(Portal.Workflows.Tests.Definitions.RepositoryRoot.Find(), "workflows"), "*.json").Where(f => !f.EndsWith(".schema.json", StringComparison.Ordinal)))
        {
            var definition = WorkflowDefinitionJson.Parse(File.ReadAllText(file)).Value;
            Assert.All(definition.Inputs, i => Assert.True(WorkflowInputTypes.IsKnown(i.Type), $"{Path.GetFileName(file)}: input {i.Name} has type {i.Type}"));
        }
    }
}
