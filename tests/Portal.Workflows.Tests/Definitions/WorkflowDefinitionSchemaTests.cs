using System.Text.Json;
using Json.Schema;
using Portal.Workflows.Definitions;
using Portal.Workflows.Definitions.Format;

namespace Portal.Workflows.Tests.Definitions;

public sealed class WorkflowDefinitionSchemaTests
{
    /// <summary>Set to 1 to write the generated schema to workflows/ instead of comparing (after changing a record).</summary>
    private const string WriteVariable = "PORTAL_WRITE_SCHEMA";

    [Fact]
    public void The_committed_schema_is_the_one_generated_from_the_records()
    {
        if (Environment.GetEnvironmentVariable(WriteVariable) == "1")
        {
            File.WriteAllText(SchemaCheck.SchemaPath, WorkflowDefinitionSchema.Text);
        }

        var committed = File.ReadAllText(SchemaCheck.SchemaPath).ReplaceLineEndings("\n");

        Assert.True(
            committed == WorkflowDefinitionSchema.Text,
            $"workflows/{SchemaCheck.SchemaFileName} differs from the schema the records generate. After changing a record, run " +
            $"{WriteVariable}=1 dotnet test --project tests/Portal.Workflows.Tests -- --filter-class \"*WorkflowDefinitionSchemaTests\" and commit the file.");
    }

    [Fact]
    public void Every_member_the_serializer_writes_is_in_the_schema_with_its_json_name()
    {
        using var schema = JsonDocument.Parse(WorkflowDefinitionSchema.Text);
        var described = PropertySchemas(schema.RootElement, "#").Select(p => p.Path[(p.Path.LastIndexOf('/') + 1)..]).ToHashSet(StringComparer.Ordinal);
        var records = typeof(WorkflowDefinition).Assembly.GetTypes().Where(WorkflowDefinitionFormat.IsFormatObject).Where(t => t != typeof(InputValue));

        var missing = records
            .SelectMany(t => WorkflowDefinitionFormat.Properties(t).Select(p => $"{t.Name}.{p.Name}"))
            .Where(m => !described.Contains(m[(m.IndexOf('.') + 1)..]))
            .ToList();

        Assert.True(missing.Count == 0, "Members the serializer writes but the schema does not describe: " + string.Join(", ", missing));
    }

    [Fact]
    public void A_record_default_is_the_schema_default()
    {
        using var schema = JsonDocument.Parse(WorkflowDefinitionSchema.Text);
        var retry = schema.RootElement.GetProperty("$defs").GetProperty("retryPolicy").GetProperty("properties");

        Assert.Equal(
            (new RetryPolicy().MaxAttempts, "00:00:05", "00:05:00"),
            (retry.GetProperty("maxAttempts").GetProperty("default").GetInt32(),
             retry.GetProperty("initialDelay").GetProperty("default").GetString(),
             retry.GetProperty("maxDelay").GetProperty("default").GetString()));
    }

    [Fact]
    public void The_schema_is_a_valid_draft_2020_12_schema()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(SchemaCheck.SchemaPath));

        var problems = SchemaCheck.SchemaProblems(MetaSchemas.Draft202012, schema.RootElement);

        Assert.True(problems.Count == 0, "The schema breaks the draft 2020-12 meta-schema: " + string.Join("; ", problems));
    }

    [Fact]
    public void The_schema_declares_draft_2020_12_and_its_portal_id()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(SchemaCheck.SchemaPath));

        Assert.Equal(
            ("https://json-schema.org/draft/2020-12/schema", "urn:portal:workflow-definition:1"),
            (schema.RootElement.GetProperty("$schema").GetString(), schema.RootElement.GetProperty("$id").GetString()));
    }

    [Fact]
    public void Every_property_in_the_schema_has_a_title_and_a_description_for_admins()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(SchemaCheck.SchemaPath));

        var undocumented = PropertySchemas(schema.RootElement, "#")
            .Where(p => !p.Schema.TryGetProperty("title", out _) || !p.Schema.TryGetProperty("description", out _))
            .Select(p => p.Path)
            .ToList();

        Assert.True(undocumented.Count == 0, "Properties without title or description: " + string.Join(", ", undocumented));
    }

    [Fact]
    public void The_issue_example_validates_against_the_schema()
    {
        var problems = SchemaCheck.SchemaProblems(IssueExample.Json);

        Assert.True(problems.Count == 0, string.Join("; ", problems));
    }

    [Fact]
    public void A_definition_the_portal_writes_validates_against_the_schema()
    {
        var problems = SchemaCheck.SchemaProblems(WorkflowDefinitionJson.Write(WorkflowDefinitionJsonTests.Complete()));

        Assert.True(problems.Count == 0, string.Join("; ", problems));
    }

    [Theory]
    [InlineData("missing id", """{ "schemaVersion": 1, "name": "X", "activities": [] }""")]
    [InlineData("input with value and expression", """{ "schemaVersion": 1, "id": "x", "name": "X", "activities": [ { "id": "a", "type": "SetVariable", "inputs": { "value": { "value": 1, "expression": "1" } } } ] }""")]
    [InlineData("activity id not starting with a letter", """{ "schemaVersion": 1, "id": "x", "name": "X", "activities": [ { "id": "1st", "type": "Start" } ] }""")]
    [InlineData("workflow id with a space", """{ "schemaVersion": 1, "id": "server provisioning", "name": "X", "activities": [] }""")]
    [InlineData("newer schema version", """{ "schemaVersion": 2, "id": "x", "name": "X", "activities": [] }""")]
    [InlineData("connection without outcome", """{ "schemaVersion": 1, "id": "x", "name": "X", "activities": [ { "id": "a", "type": "Start" } ], "connections": [ { "from": "a", "to": "a" } ] }""")]
    [InlineData("retry delay that is not a duration", """{ "schemaVersion": 1, "id": "x", "name": "X", "activities": [ { "id": "a", "type": "Start", "retry": { "initialDelay": "5 x" } } ] }""")]
    [InlineData("negative retry delay", """{ "schemaVersion": 1, "id": "x", "name": "X", "activities": [ { "id": "a", "type": "Start", "retry": { "initialDelay": "-00:00:05" } } ] }""")]
    [InlineData("retry delay with an hour past 23", """{ "schemaVersion": 1, "id": "x", "name": "X", "activities": [ { "id": "a", "type": "Start", "retry": { "maxDelay": "25:00:00" } } ] }""")]
    public void A_document_the_portal_refuses_is_invalid_against_the_schema(string mistake, string json)
    {
        var schemaProblems = SchemaCheck.SchemaProblems(json);
        var readerErrors = WorkflowDefinitionJson.Parse(json).Errors;

        Assert.True(
            schemaProblems.Count > 0 && readerErrors.Count > 0,
            $"A document with a {mistake} should be refused by the schema ({schemaProblems.Count} problems) and the reader ({readerErrors.Count} errors).");
    }

    [Theory]
    [InlineData("\"2\"")]
    [InlineData("2")]
    [InlineData("0.5")]
    [InlineData("\"30s\"")]
    [InlineData("\"1h30m\"")]
    [InlineData("\"2H\"")]
    [InlineData("\"00:00:05\"")]
    [InlineData("\"1.02:03:04.5\"")]
    public void A_retry_delay_the_reader_accepts_is_valid_against_the_schema(string written)
    {
        var json = $$"""{ "schemaVersion": 1, "id": "x", "name": "X", "activities": [ { "id": "a", "type": "Start", "retry": { "initialDelay": {{written}} } } ] }""";

        var problems = SchemaCheck.SchemaProblems(json);
        var readerErrors = WorkflowDefinitionJson.Parse(json).Errors;

        Assert.True(problems.Count == 0 && readerErrors.Count == 0,
            $"{written}: schema [{string.Join("; ", problems)}], reader [{string.Join("; ", readerErrors.Select(e => e.Message))}]");
    }

    [Theory]
    [InlineData("2")]
    [InlineData("1.5")]
    [InlineData(" 30s ")]
    [InlineData("5 m")]
    [InlineData("1d2h3m4s")]
    [InlineData("1h30m")]
    [InlineData("23:59:59")]
    [InlineData("1.00:00:00.1234567")]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("-5")]
    [InlineData("5x")]
    [InlineData("1h30")]
    [InlineData("s")]
    [InlineData("24:00:00")]
    [InlineData("00:60:00")]
    [InlineData("1.2.3")]
    [InlineData("1:00")]
    [InlineData("P1D")]
    public void The_schema_s_duration_pattern_accepts_exactly_what_the_duration_rule_reads(string text)
    {
        var rule = DurationRule.TryParse(text, out _, out _);
        var pattern = System.Text.RegularExpressions.Regex.IsMatch(text, DurationRule.SchemaPattern, System.Text.RegularExpressions.RegexOptions.ECMAScript);

        Assert.True(rule == pattern, $"\"{text}\": the duration rule {(rule ? "reads" : "refuses")} it, the schema's pattern {(pattern ? "matches" : "does not match")} it.");
    }

    [Fact]
    public void Unknown_members_at_the_top_level_and_on_activities_are_valid_against_the_schema()
    {
        var json = """{ "schemaVersion": 1, "id": "x", "name": "X", "owner": "ops", "activities": [ { "id": "a", "type": "Start", "color": "blue" } ] }""";

        var problems = SchemaCheck.SchemaProblems(json);

        Assert.True(problems.Count == 0, string.Join("; ", problems));
    }

    [Fact]
    public void Every_definition_in_the_workflows_folder_validates_against_the_schema_and_reads()
    {
        var (_, problems) = SchemaCheck.ValidateFolder(Path.Combine(RepositoryRoot.Find(), "workflows"));

        Assert.True(problems.Count == 0, "Shipped definitions with problems:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void The_folder_check_accepts_a_valid_definition_and_skips_the_schema()
    {
        var folder = CreateFolder();
        try
        {
            File.WriteAllText(Path.Combine(folder, "server-provisioning.json"), IssueExample.Json);
            File.Copy(SchemaCheck.SchemaPath, Path.Combine(folder, SchemaCheck.SchemaFileName));

            var (count, problems) = SchemaCheck.ValidateFolder(folder);

            Assert.Equal((1, ""), (count, string.Join("\n", problems)));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_folder_check_reports_each_broken_definition_by_file_name()
    {
        var folder = CreateFolder();
        try
        {
            File.WriteAllText(Path.Combine(folder, "server-provisioning.json"), IssueExample.Json);
            File.WriteAllText(Path.Combine(folder, "broken.json"), IssueExample.Json.Replace("\"id\": \"start\"", "\"id\": \"1st\"", StringComparison.Ordinal));

            var (count, problems) = SchemaCheck.ValidateFolder(folder);

            Assert.Equal(
                (2, true, true),
                (count, problems.Any(p => p.StartsWith("broken.json: schema:", StringComparison.Ordinal)), problems.Any(p => p.StartsWith("broken.json: reader:", StringComparison.Ordinal))));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string CreateFolder() =>
        Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "portal-tests", Guid.NewGuid().ToString("N"))).FullName;

    /// <summary>Every schema under a "properties" keyword, wherever it is nested, with a JSON pointer to it.</summary>
    private static IEnumerable<(string Path, JsonElement Schema)> PropertySchemas(JsonElement schema, string path)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }

        foreach (var keyword in schema.EnumerateObject())
        {
            if (keyword.Name == "properties")
            {
                foreach (var property in keyword.Value.EnumerateObject())
                {
                    yield return ($"{path}/properties/{property.Name}", property.Value);
                }
            }

            var children = keyword.Value.ValueKind switch
            {
                JsonValueKind.Object => keyword.Value.EnumerateObject().Select(p => (Name: $"{keyword.Name}/{p.Name}", Value: p.Value)).ToList(),
                JsonValueKind.Array => keyword.Value.EnumerateArray().Select((v, i) => (Name: $"{keyword.Name}/{i}", Value: v)).ToList(),
                _ => [],
            };
            foreach (var (name, child) in children)
            {
                foreach (var found in PropertySchemas(child, $"{path}/{name}"))
                {
                    yield return found;
                }
            }
        }
    }
}
