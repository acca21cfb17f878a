using System.Text.Json;
using System.Text.Json.Nodes;
using Portal.Workflows.Expressions;

namespace Portal.Workflows.Tests.Expressions;

public sealed class JintExpressionEvaluatorTests
{
    private readonly JintExpressionEvaluator _evaluator = new();

    private static ExpressionScope Scope(string inputs = "{}", string variables = "{}", string outputs = "{}") =>
        new(JsonNode.Parse(inputs)!.AsObject(), JsonNode.Parse(variables)!.AsObject(), JsonNode.Parse(outputs)!.AsObject());

    private static readonly ExpressionScope Request = Scope(
        inputs: """{ "placement": "Physical", "serverName": "web", "cpus": 4 }""",
        variables: """{ "approvals": 2, "tags": ["prod", "dmz"] }""",
        outputs: """{ "approve": { "approvedBy": "alice", "at": "2026-03-01T10:00:00Z" } }""");

    [Fact]
    public void Reads_the_workflow_inputs_under_input_and_its_alias_inputs()
    {
        var result = _evaluator.Evaluate("input.placement + '/' + inputs.serverName", Request);

        Assert.Equal("Physical/web", result!.GetValue<string>());
    }

    [Fact]
    public void Reads_variables()
    {
        var result = _evaluator.Evaluate("variables.tags.join(',')", Request);

        Assert.Equal("prod,dmz", result!.GetValue<string>());
    }

    [Fact]
    public void Reads_the_output_of_an_activity_by_its_id()
    {
        var result = _evaluator.Evaluate("outputs.approve.approvedBy", Request);

        Assert.Equal("alice", result!.GetValue<string>());
    }

    [Fact]
    public void Arithmetic_returns_a_json_number()
    {
        var result = _evaluator.Evaluate("variables.approvals + 1", Request);

        Assert.Equal(JsonValueKind.Number, result!.GetValueKind());
        Assert.Equal(3, result.GetValue<int>());
    }

    [Fact]
    public void A_comparison_returns_a_json_boolean()
    {
        var result = _evaluator.Evaluate("input.placement === 'Physical'", Request);

        Assert.Equal(JsonValueKind.True, result!.GetValueKind());
    }

    [Fact]
    public void String_concatenation_returns_a_json_string_even_when_it_looks_like_a_number()
    {
        var result = _evaluator.Evaluate("'' + input.cpus", Request);

        Assert.Equal(JsonValueKind.String, result!.GetValueKind());
        Assert.Equal("4", result.GetValue<string>());
    }

    [Fact]
    public void Objects_and_arrays_round_trip_as_json()
    {
        var result = _evaluator.Evaluate(
            "({ name: input.serverName + '-01', tags: variables.tags, disk: { sizeGb: 40, thin: true }, owner: null })",
            Request);

        var expected = JsonNode.Parse("""
            { "name": "web-01", "tags": ["prod", "dmz"], "disk": { "sizeGb": 40, "thin": true }, "owner": null }
            """);
        Assert.True(JsonNode.DeepEquals(expected, result), $"Got {result?.ToJsonString()}");
    }

    [Fact]
    public void Scope_values_built_in_code_read_like_parsed_ones()
    {
        var variables = new JsonObject
        {
            ["count"] = 5,
            ["ratio"] = 0.5m,
            ["name"] = "web",
            ["since"] = new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero),
            ["flags"] = new JsonArray(true, null),
        };

        var result = _evaluator.Evaluate(
            "[variables.count + 1, variables.ratio * 2, variables.name, variables.since, variables.flags]",
            new ExpressionScope([], variables, []));

        var expected = JsonNode.Parse("""[6, 1, "web", "2026-03-01T10:00:00+00:00", [true, null]]""");
        Assert.True(JsonNode.DeepEquals(expected, result), $"Got {result?.ToJsonString()}");
    }

    [Fact]
    public void A_scope_key_named_proto_stays_an_ordinary_property()
    {
        var scope = Scope(inputs: """{ "__proto__": { "polluted": true } }""");

        var result = _evaluator.Evaluate("[Object.keys(input), input.polluted, ({}).polluted]", scope);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""[["__proto__"], null, null]"""), result), $"Got {result?.ToJsonString()}");
    }

    [Fact]
    public void A_script_body_evaluates_to_its_last_expression_statement()
    {
        var result = _evaluator.Evaluate("const n = variables.approvals;\nn * 10", Request);

        Assert.Equal(20, result!.GetValue<int>());
    }

    [Fact]
    public void A_date_becomes_its_iso_string()
    {
        var result = _evaluator.Evaluate("new Date(Date.UTC(2026, 2, 1, 10, 0, 0))", Request);

        Assert.Equal("2026-03-01T10:00:00.000Z", result!.GetValue<string>());
    }

    [Fact]
    public void Undefined_becomes_null()
    {
        var result = _evaluator.Evaluate("variables.missing", Request);

        Assert.Null(result);
    }

    [Fact]
    public void A_syntax_error_names_the_line_and_column()
    {
        var error = Assert.Throws<ExpressionException>(() => _evaluator.Evaluate("const a = 1;\nconst b = ;", Request));

        Assert.Contains("does not parse: Unexpected token ';' (line 2, column 11)", error.Message);
    }

    [Fact]
    public void CheckSyntax_reports_the_reason_with_line_and_column()
    {
        var reason = _evaluator.CheckSyntax("variables.approvals +");

        Assert.Equal("Unexpected end of input (line 1, column 22)", reason);
    }

    [Fact]
    public void CheckSyntax_returns_null_for_an_expression_that_parses_without_running_it()
    {
        var reason = _evaluator.CheckSyntax("while (true) {}");

        Assert.Null(reason);
    }

    [Fact]
    public void A_thrown_error_gives_its_message()
    {
        var error = Assert.Throws<ExpressionException>(() => _evaluator.Evaluate("throw new Error('no capacity left')", Request));

        Assert.Contains("threw: no capacity left", error.Message);
    }

    [Fact]
    public void A_thrown_string_gives_the_string()
    {
        var error = Assert.Throws<ExpressionException>(() => _evaluator.Evaluate("throw 'no capacity left'", Request));

        Assert.Contains("threw: no capacity left", error.Message);
    }

    [Fact]
    public void Reading_an_unknown_global_is_a_thrown_reference_error()
    {
        var error = Assert.Throws<ExpressionException>(() => _evaluator.Evaluate("approvals + 1", Request));

        Assert.Contains("threw: approvals is not defined", error.Message);
    }

    [Fact]
    public void An_infinite_loop_stops_on_the_timeout()
    {
        var evaluator = new JintExpressionEvaluator(new ExpressionLimits
        {
            Timeout = TimeSpan.FromMilliseconds(200),
            MaxStatements = int.MaxValue,
        });

        var error = Assert.Throws<ExpressionException>(() => evaluator.Evaluate("while (true) {}", Request));

        Assert.Contains("took longer than 200 ms", error.Message);
    }

    [Fact]
    public void Deep_recursion_stops_on_the_recursion_limit()
    {
        var error = Assert.Throws<ExpressionException>(
            () => _evaluator.Evaluate("function down(n) { return down(n + 1); } down(0)", Request));

        Assert.Contains("exceeded the recursion limit of 64 nested calls", error.Message);
    }

    [Fact]
    public void A_huge_array_stops_on_the_memory_limit()
    {
        // A generous clock: on a busy machine the default second can run out before the 4 MB do, which is not what this checks.
        var evaluator = new JintExpressionEvaluator(ExpressionLimits.Default with { Timeout = TimeSpan.FromSeconds(60) });
        var error = Assert.Throws<ExpressionException>(() => evaluator.Evaluate("new Array(1e9).fill(0).length", Request));

        Assert.Contains("exceeded the memory limit of 4 MB", error.Message);
    }

    [Fact]
    public void A_huge_repeated_string_stops_on_the_memory_limit_before_it_is_allocated()
    {
        var error = Assert.Throws<ExpressionException>(() => _evaluator.Evaluate("'x'.repeat(5e8).length", Request));

        Assert.Contains("exceeded the memory limit of 4 MB", error.Message);
    }

    [Fact]
    public void A_small_repeat_still_works()
    {
        var result = _evaluator.Evaluate("'ab'.repeat(3)", Request);

        Assert.Equal("ababab", result!.GetValue<string>());
    }

    [Fact]
    public void Binary_buffers_which_escape_the_memory_limit_are_not_available()
    {
        var error = Assert.Throws<ExpressionException>(() => _evaluator.Evaluate("new ArrayBuffer(1e9).byteLength", Request));

        Assert.Contains("threw: ArrayBuffer is not defined", error.Message);
    }

    [Theory]
    [InlineData("typeof Uint8Array")]
    [InlineData("typeof Arr\\u0061yBuffer")]
    [InlineData("typeof globalThis['Array' + 'Buffer']")]
    [InlineData("typeof this['Float64' + 'Array']")]
    [InlineData("typeof (() => this)()['Shared' + 'ArrayBuffer']")]
    [InlineData("typeof Reflect.get(globalThis, 'Data' + 'View')")]
    public void Binary_buffers_cannot_be_reached_by_any_spelling(string expression)
    {
        var result = _evaluator.Evaluate(expression, Request);

        Assert.Equal("undefined", result!.GetValue<string>());
    }

    [Fact]
    public void A_long_loop_stops_on_the_statement_limit()
    {
        // Only the statement limit may stop it: on a loaded machine 100,000 statements can outlast the default second.
        var evaluator = new JintExpressionEvaluator(ExpressionLimits.Default with { Timeout = TimeSpan.FromMinutes(1) });

        var error = Assert.Throws<ExpressionException>(() => evaluator.Evaluate("let i = 0; for (;;) { i++; }", Request));

        Assert.Contains("exceeded the statement limit of 100,000 statements", error.Message);
    }

    [Fact]
    public void ImportNamespace_is_not_available_so_no_file_can_be_written()
    {
        var path = Path.Combine(Path.GetTempPath(), $"jint-sandbox-{Guid.NewGuid():N}.txt");
        var expression = $"importNamespace('System.IO').File.WriteAllText('{path.Replace("\\", "\\\\")}', 'pwned')";

        var error = Assert.Throws<ExpressionException>(() => _evaluator.Evaluate(expression, Request));

        Assert.Contains("importNamespace is not defined", error.Message);
        Assert.False(File.Exists(path), "The script must not reach the file system.");
    }

    [Fact]
    public void The_System_namespace_is_not_available()
    {
        var error = Assert.Throws<ExpressionException>(
            () => _evaluator.Evaluate("System.IO.Directory.GetFiles('/')", Request));

        Assert.Contains("System is not defined", error.Message);
    }

    [Fact]
    public void Eval_and_the_Function_constructor_are_disabled()
    {
        var error = Assert.Throws<ExpressionException>(() => _evaluator.Evaluate("new Function('return 1')()", Request));

        Assert.Contains("threw:", error.Message);
    }

    [Fact]
    public void A_script_cannot_leave_globals_behind_for_the_next_evaluation()
    {
        _evaluator.Evaluate("globalThis.leaked = 42", Request);

        var result = _evaluator.Evaluate("typeof leaked", Request);

        Assert.Equal("undefined", result!.GetValue<string>());
    }

    [Fact]
    public void A_script_cannot_change_the_scope_it_reads()
    {
        _evaluator.Evaluate("variables.approvals = 99", Request);

        Assert.Equal(2, Request.Variables["approvals"]!.GetValue<int>());
    }

    [Fact]
    public void Evaluations_from_several_threads_at_once_each_get_their_own_result()
    {
        var results = new JsonNode?[500];

        Parallel.For(0, results.Length, i =>
        {
            var scope = Scope(inputs: $$"""{ "index": {{i}} }""", variables: $$"""{ "approvals": {{i * 10}} }""");
            var expression = i % 2 == 0 ? "variables.approvals + input.index" : "'#' + input.index";
            results[i] = _evaluator.Evaluate(expression, scope);
        });

        for (var i = 0; i < results.Length; i++)
        {
            var expected = i % 2 == 0 ? JsonValue.Create(i * 11) : JsonValue.Create($"#{i}");
            Assert.True(JsonNode.DeepEquals(expected, results[i]), $"Evaluation {i} returned {results[i]?.ToJsonString()}");
        }
    }

    [Fact]
    public void The_cache_keeps_two_different_expressions_apart()
    {
        var first = _evaluator.Evaluate("variables.approvals + 1", Request);
        var second = _evaluator.Evaluate("variables.approvals + 2", Request);
        var firstAgain = _evaluator.Evaluate("variables.approvals + 1", Request);

        Assert.Equal([3, 4, 3], new[] { first, second, firstAgain }.Select(r => r!.GetValue<int>()));
    }

    [Fact]
    public void More_distinct_expressions_than_the_cache_holds_still_evaluate_correctly()
    {
        var count = JintExpressionEvaluator.MaxCachedScripts + 50;

        var wrong = Enumerable.Range(0, count)
            .Where(i => _evaluator.Evaluate($"variables.approvals + {i}", Request)!.GetValue<int>() != 2 + i)
            .ToList();

        Assert.Empty(wrong);
    }
}
