using System.Text.Json;
using Json.Schema;
using Portal.Workflows.Definitions;

namespace Portal.Workflows.Tests.Definitions;

/// <summary>
/// Checks workflow definition files the way a shipped definition must pass: valid against
/// workflows/workflow-definition.schema.json and readable by <see cref="WorkflowDefinitionJson"/>.
/// </summary>
internal static class SchemaCheck
{
    public const string SchemaFileName = "workflow-definition.schema.json";

    private static readonly Lazy<JsonSchema> LazySchema = new(() => JsonSchema.FromText(
        File.ReadAllText(SchemaPath),
        // A registry of its own: the global one refuses a second schema with the same $id.
        new BuildOptions { SchemaRegistry = new SchemaRegistry() }));

    public static string SchemaPath => Path.Combine(RepositoryRoot.Find(), "workflows", SchemaFileName);

    public static JsonSchema Schema => LazySchema.Value;

    /// <summary>Why the document does not match the schema; empty when it does.</summary>
    public static IReadOnlyList<string> SchemaProblems(string json)
    {
        using var document = JsonDocument.Parse(json);
        return SchemaProblems(Schema, document.RootElement);
    }

    public static IReadOnlyList<string> SchemaProblems(JsonSchema schema, JsonElement instance)
    {
        var results = schema.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid)
        {
            return [];
        }

        var invalid = (results.Details ?? []).Where(d => !d.IsValid).ToList();
        var problems = invalid
            .SelectMany(d => (d.Errors ?? []).Select(e => $"{Location(d)}: {e.Key}: {e.Value}"))
            .ToList();
        if (problems.Count == 0)
        {
            // Some keywords (oneOf) fail without a message; the deepest failing location is the best clue.
            var deepest = invalid.LastOrDefault() ?? results;
            problems.Add($"{Location(deepest)}: does not match {deepest.EvaluationPath}");
        }

        return problems;
    }

    /// <summary>
    /// Every *.json file under the folder (the schema itself excepted) against the schema and the reader:
    /// how many files were checked and what is wrong with them, each problem naming its file.
    /// </summary>
    public static (int Checked, IReadOnlyList<string> Problems) ValidateFolder(string folder)
    {
        var files = Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories)
            .Where(f => !string.Equals(Path.GetFileName(f), SchemaFileName, StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
        var problems = new List<string>();
        foreach (var file in files)
        {
            var name = Path.GetRelativePath(folder, file);
            try
            {
                problems.AddRange(SchemaProblems(File.ReadAllText(file)).Select(p => $"{name}: schema: {p}"));
            }
            catch (JsonException exception)
            {
                problems.Add($"{name}: not JSON: {exception.Message}");
            }

            using var stream = File.OpenRead(file);
            var parsed = WorkflowDefinitionJson.Parse(stream);
            problems.AddRange(parsed.Errors.Select(e => $"{name}: reader: {e.Field}: {e.Message}"));
        }

        return (files.Count, problems);
    }

    private static string Location(EvaluationResults result) =>
        result.InstanceLocation.ToString() is { Length: > 0 } pointer ? pointer : "/";
}
