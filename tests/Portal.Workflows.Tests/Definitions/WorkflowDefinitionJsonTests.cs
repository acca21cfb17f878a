using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Portal.Domain.Validation;
using Portal.Workflows.Definitions;

namespace Portal.Workflows.Tests.Definitions;

public sealed class WorkflowDefinitionJsonTests
{
    [Fact]
    public void The_issue_example_parses_into_the_expected_records()
    {
        var expected = new WorkflowDefinition
        {
            SchemaVersion = 1,
            Id = "server-provisioning",
            Name = "Server provisioning",
            Description = "Provisions a server.",
            Inputs = [new WorkflowInput { Name = "requestId", Type = "string", Required = true }],
            Variables = [new WorkflowVariable { Name = "approvals", Type = "number", Default = JsonValue.Create(0) }],
            Activities =
            [
                new ActivityNode { Id = "start", Type = "Start" },
                new ActivityNode
                {
                    Id = "count",
                    Type = "SetVariable",
                    Name = "Count",
                    Position = new Position(240, 80),
                    Inputs = new Dictionary<string, InputValue>
                    {
                        ["variable"] = InputValue.Literal(JsonValue.Create("approvals")),
                        ["value"] = InputValue.Script("variables.approvals + 1"),
                    },
                },
                new ActivityNode { Id = "end", Type = "End" },
            ],
            Connections = [new Connection("start", "Done", "count"), new Connection("count", "Done", "end")],
        };

        var parsed = WorkflowDefinitionJson.Parse(IssueExample.Json);

        Assert.True(parsed.IsValid, Describe(parsed));
        DefinitionAssert.SameContent(expected, parsed.Value);
    }

    [Fact]
    public void A_definition_read_back_from_its_json_has_the_same_content()
    {
        var definition = Complete();

        var parsed = WorkflowDefinitionJson.Parse(WorkflowDefinitionJson.Write(definition));

        Assert.True(parsed.IsValid, Describe(parsed));
        DefinitionAssert.SameContent(definition, parsed.Value);
    }

    [Fact]
    public void Writing_a_definition_read_back_gives_the_same_text()
    {
        var written = WorkflowDefinitionJson.Write(Complete());

        var rewritten = WorkflowDefinitionJson.Write(WorkflowDefinitionJson.Parse(written).Value);

        Assert.Equal(written, rewritten);
    }

    [Fact]
    public void Written_json_is_indented_camel_case_in_the_order_of_the_format_without_nulls()
    {
        var written = WorkflowDefinitionJson.Write(WorkflowDefinitionJson.Parse(IssueExample.Json).Value);

        var expected = """
            {
              "schemaVersion": 1,
              "id": "server-provisioning",
              "name": "Server provisioning",
              "description": "Provisions a server.",
              "inputs": [
                {
                  "name": "requestId",
                  "type": "string",
                  "required": true
                }
              ],
              "variables": [
                {
                  "name": "approvals",
                  "type": "number",
                  "default": 0
                }
              ],
              "activities": [
                {
                  "id": "start",
                  "type": "Start"
                },
                {
                  "id": "count",
                  "type": "SetVariable",
                  "name": "Count",
                  "position": {
                    "x": 240,
                    "y": 80
                  },
                  "inputs": {
                    "variable": {
                      "value": "approvals"
                    },
                    "value": {
                      "expression": "variables.approvals + 1"
                    }
                  }
                },
                {
                  "id": "end",
                  "type": "End"
                }
              ],
              "connections": [
                {
                  "from": "start",
                  "outcome": "Done",
                  "to": "count"
                },
                {
                  "from": "count",
                  "outcome": "Done",
                  "to": "end"
                }
              ]
            }
            """.ReplaceLineEndings("\n");
        Assert.Equal(expected, written);
    }

    [Fact]
    public void A_literal_null_input_is_a_value_and_not_an_expression()
    {
        var json = Minimal(activity: """{ "id": "a", "type": "SetVariable", "inputs": { "value": { "value": null } } }""");

        var input = WorkflowDefinitionJson.Parse(json).Value.Activities[0].Inputs["value"];

        Assert.Equal((false, null, null), (input.IsExpression, input.Value, input.Expression));
    }

    [Fact]
    public void An_input_with_both_value_and_expression_is_refused_at_its_path()
    {
        var json = Minimal(activity: """{ "id": "a", "type": "SetVariable", "inputs": { "value": { "value": 1, "expression": "2" } } }""");

        var error = SingleError(json);

        Assert.Equal("activities[0].inputs.value", error.Field);
        Assert.Contains("both \"value\" and \"expression\"", error.Message);
    }

    [Fact]
    public void An_input_with_neither_value_nor_expression_is_refused_at_its_path()
    {
        var json = Minimal(activity: """{ "id": "a", "type": "SetVariable", "inputs": { "value": { } } }""");

        var error = SingleError(json);

        Assert.Equal(
            ("activities[0].inputs.value", true),
            (error.Field, error.Message.Contains("needs either \"value\" (any JSON) or \"expression\"", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_missing_comma_is_reported_with_the_line_it_is_missing_on()
    {
        var json = """
            {
              "schemaVersion": 1,
              "id": "x"
              "name": "X",
              "activities": []
            }
            """;

        var error = SingleError(json);

        Assert.Matches(new Regex(@"\bline 3\b"), error.Message);
    }

    [Fact]
    public void A_syntax_error_names_its_line_and_the_json_path_it_is_in()
    {
        var json = """
            { "schemaVersion": 1, "id": "x", "name": "X",
              "activities": [
                { "id": "a", "type": "Start" },
                { "id": "b", "type": "End" ] }
            """;

        var error = SingleError(json);

        Assert.Equal(
            ("activities[1]", true, true),
            (error.Field, error.Message.Contains("line 4", StringComparison.Ordinal), error.Message.Contains("activities[1]", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_value_of_the_wrong_type_names_its_line_and_path()
    {
        var json = """
            { "schemaVersion": 1, "id": "x", "name": "X",
              "activities": [
                { "id": "a", "type": "Start",
                  "position": { "x": "left", "y": 0 } } ] }
            """;

        var error = SingleError(json);

        Assert.Equal(("activities[0].position.x", "Line 4, activities[0].position.x: the value has the wrong type or format for this member."), (error.Field, error.Message));
    }

    [Fact]
    public void A_document_that_is_not_an_object_is_refused()
    {
        var error = SingleError("[]");

        Assert.Contains("a workflow definition is a JSON object", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n ")]
    public void An_empty_document_is_refused_as_empty(string json)
    {
        var error = SingleError(json);

        Assert.StartsWith("The definition is empty", error.Message);
    }

    [Theory]
    [InlineData("""{ "schemaVersion": 1, "name": "X", "activities": [] }""", "id", "the definition")]
    [InlineData("""{ "schemaVersion": 1, "id": "x", "activities": [] }""", "name", "the definition")]
    [InlineData("""{ "schemaVersion": 1, "id": "x", "name": "X" }""", "activities", "the definition")]
    [InlineData("""{ "schemaVersion": 1, "id": "x", "name": "X", "activities": [ { "id": "a", "type": "Start" }, { "type": "End" } ] }""", "activities[1].id", "activities[1]")]
    [InlineData("""{ "schemaVersion": 1, "id": "x", "name": "X", "activities": [ { "id": "a" } ] }""", "activities[0].type", "activities[0]")]
    [InlineData("""{ "schemaVersion": 1, "id": "x", "name": "X", "activities": [ { "id": "a", "type": "Start" } ], "connections": [ { "outcome": "Done", "to": "a" } ] }""", "connections[0].from", "connections[0]")]
    [InlineData("""{ "schemaVersion": 1, "id": "x", "name": "X", "activities": [ { "id": "a", "type": "Start" } ], "connections": [ { "from": "a", "to": "a" } ] }""", "connections[0].outcome", "connections[0]")]
    [InlineData("""{ "schemaVersion": 1, "id": "x", "name": "X", "activities": [ { "id": "a", "type": "Start" } ], "connections": [ { "from": "a", "outcome": "Done" } ] }""", "connections[0].to", "connections[0]")]
    public void A_missing_required_member_is_named_with_where_it_is_missing(string json, string field, string owner)
    {
        var error = SingleError(json);

        var member = field[(field.LastIndexOf('.') + 1)..];
        Assert.Equal(new ValidationError(field, $"Required member '{member}' is missing from {owner}."), error);
    }

    [Fact]
    public void A_definition_without_a_schema_version_is_refused()
    {
        var error = SingleError("""{ "id": "x", "name": "X", "activities": [] }""");

        Assert.Equal(("schemaVersion", true), (error.Field, error.Message.StartsWith("Required member 'schemaVersion' is missing", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("""{ "schemaVersion": 2, "id": "x", "name": "X", "activities": [] }""")]
    [InlineData("""{ "schemaVersion": 2, "id": "x", "name": "X", "activities": { "start": { "type": "Start" } } }""")]
    public void A_definition_from_a_newer_portal_is_refused_as_such_whatever_its_shape(string json)
    {
        var error = SingleError(json);

        Assert.Equal(("schemaVersion", true), (error.Field, error.Message.Contains("written by a newer portal", StringComparison.Ordinal)));
    }

    [Fact]
    public void Duplicate_activity_ids_are_refused_naming_the_id()
    {
        var json = """{ "schemaVersion": 1, "id": "x", "name": "X", "activities": [ { "id": "a", "type": "Start" }, { "id": "a", "type": "End" } ] }""";

        var error = SingleError(json);

        Assert.Equal(new ValidationError("activities[1].id", "Activity id 'a' is used more than once (first by activities[0]); ids must be unique."), error);
    }

    [Theory]
    [InlineData("1st", "activities[0].id")]
    [InlineData("has space", "activities[0].id")]
    [InlineData("", "activities[0].id")]
    public void An_activity_id_that_does_not_start_with_a_letter_or_holds_other_characters_is_refused(string id, string field)
    {
        var json = Minimal(activity: $$"""{ "id": "{{id}}", "type": "Start" }""");

        var error = SingleError(json);

        Assert.Equal((field, true), (error.Field, error.Message.Contains($"'{id}' must start with a letter", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_null_in_a_list_of_activities_is_refused_at_its_index()
    {
        var error = SingleError("""{ "schemaVersion": 1, "id": "x", "name": "X", "activities": [ { "id": "a", "type": "Start" }, null ] }""");

        Assert.Equal(new ValidationError("activities[1]", "activities[1] must be an object, not null."), error);
    }

    [Fact]
    public void A_negative_retry_delay_and_zero_attempts_are_refused_naming_the_member()
    {
        // The reader stops at a value it cannot read (the delay), so each mistake is in a document of its own.
        var negativeDelay = Minimal(activity: """{ "id": "a", "type": "Start", "retry": { "initialDelay": "-00:00:05" } }""");
        var zeroAttempts = Minimal(activity: """{ "id": "a", "type": "Start", "retry": { "maxAttempts": 0 } }""");

        var fields = new[] { negativeDelay, zeroAttempts }.SelectMany(json => WorkflowDefinitionJson.Parse(json).Errors.Select(e => e.Field)).ToList();

        Assert.Equal(["activities[0].retry.initialDelay", "activities[0].retry.maxAttempts"], fields);
    }

    [Theory]
    [InlineData("\"2\"", 2)]
    [InlineData("2", 2)]
    [InlineData("\"30s\"", 30)]
    [InlineData("\"5m\"", 300)]
    [InlineData("\"00:00:05\"", 5)]
    [InlineData("\"1.00:00:00\"", 86400)]
    public void A_retry_delay_is_read_by_the_one_duration_rule_so_a_bare_number_is_seconds_never_days(string written, double seconds)
    {
        var json = Minimal(activity: $$"""{ "id": "a", "type": "Start", "retry": { "maxAttempts": 2, "initialDelay": {{written}}, "maxDelay": {{written}} } }""");

        var parsed = WorkflowDefinitionJson.Parse(json);

        Assert.True(parsed.IsValid, Describe(parsed));
        var retry = parsed.Value!.Activities[0].Retry!;
        Assert.Equal((TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(seconds)), (retry.InitialDelay, retry.MaxDelay));
    }

    [Fact]
    public void A_retry_delay_that_is_not_a_duration_is_refused_with_its_line_path_and_the_rule_s_reason()
    {
        var json = Minimal(activity: """{ "id": "a", "type": "Start", "retry": { "initialDelay": "2 weeks" } }""");

        var error = SingleError(json);

        Assert.Equal("activities[0].retry.initialDelay", error.Field);
        Assert.Contains("Line 1, activities[0].retry.initialDelay: \"2 weeks\" is not a duration: write seconds (30)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_retry_policy_is_written_in_the_clock_form_it_is_read_back_from()
    {
        var json = Minimal(activity: """{ "id": "a", "type": "Start", "retry": { "maxAttempts": 2, "initialDelay": "90", "maxDelay": "1d" } }""");

        var written = JsonNode.Parse(WorkflowDefinitionJson.Write(WorkflowDefinitionJson.Parse(json).Value!))!;

        Assert.Equal(
            ("00:01:30", "1.00:00:00"),
            (written["activities"]![0]!["retry"]!["initialDelay"]!.GetValue<string>(), written["activities"]![0]!["retry"]!["maxDelay"]!.GetValue<string>()));
    }

    [Fact]
    public void Nesting_deeper_than_the_reader_allows_is_refused_as_malformed_with_its_line()
    {
        var json = Minimal(activity: $$"""{ "id": "a", "type": "SetVariable", "inputs": { "value": { "value": {{new string('[', 200)}}{{new string(']', 200)}} } } }""");

        var error = SingleError(json);

        Assert.Contains("line 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_members_at_the_top_level_and_on_activities_are_kept_and_written_back()
    {
        var json = """
            { "schemaVersion": 1, "id": "x", "name": "X", "owner": "ops", "tags": ["a", { "b": null }], "inputs": [],
              "activities": [ { "id": "a", "type": "Start", "color": "blue", "inputs": { "v": { "value": 1 } } } ],
              "connections": [ { "from": "a", "outcome": "Done", "to": "a" } ] }
            """;

        var parsed = WorkflowDefinitionJson.Parse(json);
        var written = JsonNode.Parse(WorkflowDefinitionJson.Write(parsed.Value!));

        Assert.True(parsed.IsValid, Describe(parsed));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), written), $"Written back:\n{written}");
    }

    [Fact]
    public void Unknown_members_are_compared_by_value_so_two_reads_of_one_text_are_equal_and_a_changed_one_is_not()
    {
        var json = Minimal(activity: """{ "id": "a", "type": "Start", "color": { "fill": "blue" } }""");
        var first = WorkflowDefinitionJson.Parse(json).Value!.Activities[0];
        var second = WorkflowDefinitionJson.Parse(json).Value!.Activities[0];
        var other = WorkflowDefinitionJson.Parse(json.Replace("blue", "red", StringComparison.Ordinal)).Value!.Activities[0];

        Assert.Equal(
            (true, false),
            (first.Unknown!.Equals(second.Unknown), first.Unknown.Equals(other.Unknown)));
        Assert.Equal(first with { Inputs = second.Inputs }, second);
    }

    [Theory]
    [InlineData("connection", """{ "schemaVersion": 1, "id": "x", "name": "X", "activities": [ { "id": "a", "type": "Start" } ], "connections": [ { "from": "a", "outcome": "Done", "to": "a", "label": "loop" } ] }""", "connections[0]", "\"label\" is not a member of a connection. It has only from, outcome, to")]
    [InlineData("workflow input", """{ "schemaVersion": 1, "id": "x", "name": "X", "inputs": [ { "name": "n", "requierd": true } ], "activities": [] }""", "inputs[0]", "\"requierd\" is not a member of a workflow input")]
    [InlineData("variable", """{ "schemaVersion": 1, "id": "x", "name": "X", "variables": [ { "name": "n", "note": 1 } ], "activities": [] }""", "variables[0]", "\"note\" is not a member of a workflow variable")]
    [InlineData("retry policy", """{ "schemaVersion": 1, "id": "x", "name": "X", "activities": [ { "id": "a", "type": "Start", "retry": { "attempts": 3 } } ] }""", "activities[0].retry", "\"attempts\" is not a member of a retry policy")]
    [InlineData("input value", """{ "schemaVersion": 1, "id": "x", "name": "X", "activities": [ { "id": "a", "type": "Start", "inputs": { "v": { "value": 1, "note": "x" } } } ] }""", "activities[0].inputs.v", "\"note\" is not a member of it")]
    public void An_unknown_member_inside_a_nested_object_is_refused_with_its_line_and_path_as_the_schema_refuses_it(string where, string json, string field, string message)
    {
        // A first empty line, so that the line reported is not line 1 by chance.
        var error = SingleError("\n" + json);

        Assert.True(
            error.Field == field && error.Message.StartsWith($"Line 2, {field}: ", StringComparison.Ordinal) && error.Message.Contains(message, StringComparison.Ordinal),
            $"An unknown member in a {where}: got {error.Field}: {error.Message}");
    }

    [Fact]
    public void A_definition_over_two_megabytes_is_refused_with_the_limit_in_the_message()
    {
        var json = Minimal(activity: $$"""{ "id": "a", "type": "Start", "name": "{{new string('x', WorkflowDefinitionJson.MaxBytes)}}" }""");

        var error = SingleError(json);

        Assert.Contains("may be at most 2 MB", error.Message);
    }

    [Fact]
    public async Task A_stream_over_two_megabytes_is_refused_with_the_limit_in_the_message()
    {
        using var stream = new MemoryStream(new byte[WorkflowDefinitionJson.MaxBytes + 1]);

        var parsed = await WorkflowDefinitionJson.ParseAsync(stream, TestContext.Current.CancellationToken);

        Assert.Contains("may be at most 2 MB", Assert.Single(parsed.Errors).Message);
    }

    [Fact]
    public async Task A_stream_with_a_byte_order_mark_reads_like_the_string()
    {
        using var stream = new MemoryStream([.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(IssueExample.Json)]);

        var parsed = await WorkflowDefinitionJson.ParseAsync(stream, TestContext.Current.CancellationToken);

        Assert.True(parsed.IsValid, Describe(parsed));
        DefinitionAssert.SameContent(WorkflowDefinitionJson.Parse(IssueExample.Json).Value, parsed.Value);
    }

    /// <summary>A definition that sets every member the format has, with every kind of input.</summary>
    internal static WorkflowDefinition Complete() => new()
    {
        Id = "server-provisioning",
        Name = "Server provisioning",
        Description = "Reserves hardware, asks for approval, deploys.",
        Inputs =
        [
            new WorkflowInput { Name = "requestId", Type = "string", Required = true },
            new WorkflowInput { Name = "adminPassword", Type = "string", Secret = true },
            new WorkflowInput { Name = "sizes", Type = "object", Default = JsonNode.Parse("""{ "cpu": 4, "ram": [8, 16], "fast": true }""") },
        ],
        Variables =
        [
            new WorkflowVariable { Name = "approvals", Type = "number", Default = JsonValue.Create(0) },
            new WorkflowVariable { Name = "token", Secret = true },
        ],
        Activities =
        [
            new ActivityNode { Id = "start", Type = "Start", Position = new Position(0, 0) },
            new ActivityNode
            {
                Id = "reserve",
                Type = "ReserveHardware",
                Name = "Reserve hardware",
                Position = new Position(240.5, -80),
                Inputs = new Dictionary<string, InputValue>
                {
                    ["count"] = InputValue.Literal(JsonValue.Create(2)),
                    ["spec"] = InputValue.Literal(JsonNode.Parse("""{ "cpu": 4, "disks": ["ssd", "hdd"], "note": null }""")),
                    ["nothing"] = InputValue.Literal(null),
                    ["owner"] = InputValue.Script("inputs.requestId + ' <' + variables.approvals + '>'"),
                },
                Retry = new RetryPolicy { MaxAttempts = 3, InitialDelay = TimeSpan.FromSeconds(5), MaxDelay = TimeSpan.FromDays(1.5) },
                CompensateWith = "release",
            },
            new ActivityNode { Id = "release", Type = "ReleaseHardware" },
            new ActivityNode { Id = "end", Type = "End" },
        ],
        Connections =
        [
            new Connection("start", "Done", "reserve"),
            new Connection("reserve", "Done", "end"),
        ],
    };

    private static string Minimal(string activity) =>
        $$"""{ "schemaVersion": 1, "id": "x", "name": "X", "activities": [ {{activity}} ] }""";

    private static ValidationError SingleError(string json)
    {
        var parsed = WorkflowDefinitionJson.Parse(json);
        Assert.False(parsed.IsValid, "The document was expected to be refused.");
        return Assert.Single(parsed.Errors);
    }

    private static string Describe(ValidationResult<WorkflowDefinition> result) =>
        string.Join("; ", result.Errors.Select(e => $"{e.Field}: {e.Message}"));
}
