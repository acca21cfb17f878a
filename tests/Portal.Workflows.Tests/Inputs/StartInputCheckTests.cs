using System.Text.Json.Nodes;
using Portal.Workflows.Definitions;
using Portal.Workflows.Tests.Runtime;
using static Portal.Workflows.Tests.Runtime.Flow;

namespace Portal.Workflows.Tests.Inputs;

/// <summary>
/// Every start creates its instance through <see cref="Runtime.WorkflowRunner.Create"/>; a value of the wrong kind is
/// refused there, keyed by the input's name, and no instance exists.
/// </summary>
public sealed class StartInputCheckTests
{
    private readonly EngineHarness engine = new();

    private static WorkflowDefinition Taking(params WorkflowInput[] inputs) =>
        Define([Node("start", "Start"), Node("end", "End")], [C("start", "end")], inputs: inputs);

    [Theory]
    [InlineData("string", "42", "must be a string, not a number")]
    [InlineData("string", "{\"id\":1}", "must be a string, not an object")]
    [InlineData("number", "\"42\"", "must be a number, not a string")]
    [InlineData("integer", "4.5", "must be a whole number; 4.5 is not")]
    [InlineData("boolean", "\"true\"", "must be true or false, not a string")]
    [InlineData("object", "[1]", "must be a JSON object, not an array")]
    [InlineData("array", "\"a,b\"", "must be a JSON array, not a string")]
    [InlineData("guid", "\"srv-1\"", "must be an id like")]
    [InlineData("guid", "42", "must be an id like")]
    [InlineData("duration", "\"soon\"", "\"soon\" is not a duration")]
    [InlineData("duration", "-1", "negative")]
    [InlineData("datetime", "\"yesterday\"", "must be an ISO 8601 time")]
    public void A_value_of_the_wrong_kind_is_refused_naming_the_input(string type, string json, string message)
    {
        var definition = Taking(new WorkflowInput { Name = "value", Type = type, Required = true });

        var created = engine.Runner.Create(definition, 1, new JsonObject { ["value"] = JsonNode.Parse(json) }, null);

        Assert.False(created.IsValid, $"A {type} input should refuse {json}");
        var error = Assert.Single(created.Errors);
        Assert.Equal("inputs.value", error.Field);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("string", "\"srv-1\"")]
    [InlineData("number", "4.5")]
    [InlineData("integer", "4")]
    [InlineData("boolean", "false")]
    [InlineData("object", "{\"a\":1}")]
    [InlineData("array", "[]")]
    [InlineData("guid", "\"3f2504e0-4f89-41d3-9a0c-0305e82c3301\"")]
    [InlineData("duration", "\"5m\"")]
    [InlineData("duration", "30")]
    [InlineData("datetime", "\"2026-12-07T12:00:00Z\"")]
    [InlineData("any", "42")]
    public void A_value_of_the_declared_kind_starts(string type, string json)
    {
        var definition = Taking(new WorkflowInput { Name = "value", Type = type, Required = true });

        var created = engine.Runner.Create(definition, 1, new JsonObject { ["value"] = JsonNode.Parse(json) }, null);

        Assert.True(created.IsValid, string.Join("; ", created.Errors.Select(e => e.Message)));
        Assert.Equal(JsonNode.Parse(json)!.ToJsonString(), created.Value.Inputs["value"]!.ToJsonString());
    }

    [Fact]
    public void Every_problem_is_reported_at_once_each_under_its_input()
    {
        var definition = Taking(
            new WorkflowInput { Name = "serverId", Type = "string", Required = true },
            new WorkflowInput { Name = "count", Type = "number" },
            new WorkflowInput { Name = "requestId", Type = "string", Required = true });

        var created = engine.Runner.Create(definition, 1, new JsonObject { ["serverId"] = 42, ["count"] = "three", ["colour"] = "red" }, null);

        Assert.False(created.IsValid);
        Assert.Equal(
            ["inputs.colour", "inputs.count", "inputs.requestId", "inputs.serverId"],
            created.Errors.Select(e => e.Field).Order(StringComparer.Ordinal));
        Assert.Contains(created.Errors, e => e.Field == "inputs.requestId" && e.Message.Contains("is required", StringComparison.Ordinal));
    }

    [Fact]
    public void An_input_the_workflow_does_not_declare_is_refused_listing_the_ones_it_takes()
    {
        var definition = Taking(new WorkflowInput { Name = "serverId" }, new WorkflowInput { Name = "name" });

        var created = engine.Runner.Create(definition, 1, new JsonObject { ["serverID"] = "a" }, null);

        var error = Assert.Single(created.Errors);
        Assert.Equal("inputs.serverID", error.Field);
        Assert.Contains("has no input 'serverID'; it takes serverId, name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_null_for_an_optional_input_means_not_supplied_and_its_default_applies()
    {
        var definition = Taking(new WorkflowInput { Name = "count", Type = "number", Default = 3 });

        var created = engine.Runner.Create(definition, 1, new JsonObject { ["count"] = null }, null);

        Assert.True(created.IsValid);
        Assert.Equal(3, created.Value.Inputs["count"]!.GetValue<int>());
    }

    [Fact]
    public void A_secret_value_of_the_wrong_kind_is_not_quoted_in_the_error()
    {
        var definition = Taking(new WorkflowInput { Name = "pin", Type = "integer", Secret = true });

        var created = engine.Runner.Create(definition, 1, new JsonObject { ["pin"] = 1234.5 }, null);

        var error = Assert.Single(created.Errors);
        Assert.DoesNotContain("1234", error.Message, StringComparison.Ordinal);
        Assert.Contains("must be a whole number", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_start_of_the_wrong_kind_runs_nothing()
    {
        var definition = Define(
            [Node("start", "Start"), Node("log", "Log", Js("message", "'server ' + input.serverId.toUpperCase()")), Node("end", "End")],
            [C("start", "log"), C("log", "end")],
            inputs: [new WorkflowInput { Name = "serverId", Type = "string", Required = true }]);

        var started = await engine.Runner.StartAsync(definition, 1, new JsonObject { ["serverId"] = 42 }, null, CancellationToken.None);

        Assert.False(started.IsValid, "A number for a string id must be refused at the start, not fault the Log activity later");
        Assert.Equal("inputs.serverId", Assert.Single(started.Errors).Field);
    }
}
