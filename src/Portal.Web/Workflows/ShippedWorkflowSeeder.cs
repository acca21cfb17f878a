using Microsoft.Extensions.Options;
using Portal.Workflows.Definitions;
using Portal.Workflows.Persistence;

namespace Portal.Web.Workflows;

/// <summary>
/// Publishes the definitions the product ships: as version 1 where their id is new, as the next version where the
/// product's copy changed and no admin has touched the definition (<see cref="WorkflowDefinitions.SeedAsync"/>). A file that does not
/// parse or validate stops the start: it is a defect in the product, not something an operator can fix.
/// </summary>
public sealed partial class ShippedWorkflowSeeder(WorkflowDefinitions definitions, IOptions<WorkflowOptions> options, ILogger<ShippedWorkflowSeeder> logger)
{
    public const string SchemaFileName = "workflow-definition.schema.json";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var folder = options.Value.ResolveDefinitionsFolder();
        if (!Directory.Exists(folder))
        {
            LogNoFolder(folder);
            return;
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*.json").Where(f => Path.GetFileName(f) != SchemaFileName).Order(StringComparer.Ordinal))
        {
            await using var stream = File.OpenRead(file);
            var parsed = await WorkflowDefinitionJson.ParseAsync(stream, cancellationToken);
            if (!parsed.IsValid)
            {
                throw new InvalidOperationException(
                    $"The shipped workflow {Path.GetFileName(file)} does not parse: {string.Join("; ", parsed.Errors.Select(e => $"{e.Field}: {e.Message}"))}");
            }

            if (await definitions.SeedAsync(parsed.Value, cancellationToken))
            {
                LogSeeded(parsed.Value.Id, Path.GetFileName(file));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Workflow {DefinitionId} published from the shipped {File}")]
    private partial void LogSeeded(string definitionId, string file);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No shipped workflow folder at {Folder}")]
    private partial void LogNoFolder(string folder);
}
