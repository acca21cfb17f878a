using Microsoft.Extensions.DependencyInjection;
using Portal.Testing;
using Portal.Workflows.Definitions;
using Portal.Workflows.Persistence;

namespace Portal.Web.Tests.Workflows;

public sealed class ShippedWorkflowSeedingTests
{
    private const string Shipped = """
        { "schemaVersion": 1, "id": "server-provisioning", "name": "Server provisioning",
          "inputs":    [ { "name": "requestId", "type": "string", "required": true } ],
          "variables": [ { "name": "approvals", "type": "number", "default": 0 } ],
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "count", "type": "SetVariable", "name": "Count", "position": { "x": 240, "y": 80 },
              "inputs": { "variable": { "value": "approvals" }, "value": { "expression": "variables.approvals + 1" } } },
            { "id": "end", "type": "End" } ],
          "connections": [ { "from": "start", "outcome": "Done", "to": "count" },
                           { "from": "count", "outcome": "Done", "to": "end" } ] }
        """;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_shipped_definition_is_published_as_version_1_and_an_admins_newer_version_survives_a_restart()
    {
        using var shipped = new TempDirectory();
        using var data = new TempDirectory();
        await File.WriteAllTextAsync(Path.Combine(shipped.Path, "server-provisioning.json"), Shipped, Token);
        var settings = new Dictionary<string, string?> { ["Portal:Workflows:DefinitionsFolder"] = shipped.Path };

        await using (var first = new PortalAppFactory(settings, data.Path))
        {
            first.StartServer();
            await using var scope = first.Services.CreateAsyncScope();
            var definitions = scope.ServiceProvider.GetRequiredService<WorkflowDefinitions>();
            Assert.Equal(1, (await definitions.FindAsync("server-provisioning", null, Token))!.Version);

            var edited = (await definitions.FindAsync("server-provisioning", 1, Token))!.Definition with { Name = "Server provisioning (two approvals)" };
            await definitions.SaveDraftAsync(edited, "admin@portal.local", Token);
            Assert.True((await definitions.PublishAsync("server-provisioning", "admin@portal.local", Token)).IsValid);
        }

        await using var second = new PortalAppFactory(settings, data.Path);
        second.StartServer();
        await using var after = second.Services.CreateAsyncScope();
        var latest = await after.ServiceProvider.GetRequiredService<WorkflowDefinitions>().FindAsync("server-provisioning", null, Token);
        Assert.Equal(2, latest!.Version);
        Assert.Equal("Server provisioning (two approvals)", latest.Definition.Name);
    }

    [Fact]
    public async Task A_shipped_definition_that_does_not_validate_stops_the_start()
    {
        using var shipped = new TempDirectory();
        await File.WriteAllTextAsync(Path.Combine(shipped.Path, "broken.json"), Shipped.Replace("\"outcome\": \"Done\", \"to\": \"end\"", "\"outcome\": \"Nope\", \"to\": \"end\"", StringComparison.Ordinal), Token);
        await using var factory = new PortalAppFactory(new Dictionary<string, string?> { ["Portal:Workflows:DefinitionsFolder"] = shipped.Path });

        var error = Assert.ThrowsAny<Exception>(() => factory.StartServer());

        Assert.Contains("server-provisioning", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("no outcome 'Nope'", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_definition_the_product_ships_parses_and_validates()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "workflows");
        Assert.True(File.Exists(Path.Combine(folder, "workflow-definition.schema.json")), $"The shipped workflows folder is missing at {folder}.");
        await using var factory = new PortalAppFactory();
        using var scope = factory.Services.CreateScope();
        var validator = scope.ServiceProvider.GetRequiredService<DefinitionValidator>();

        foreach (var file in Directory.EnumerateFiles(folder, "*.json").Where(f => !f.EndsWith("schema.json", StringComparison.Ordinal)))
        {
            var parsed = WorkflowDefinitionJson.Parse(File.ReadAllText(file));
            Assert.True(parsed.IsValid, $"{Path.GetFileName(file)}: {string.Join("; ", parsed.Errors.Select(e => e.Message))}");
            Assert.Empty(validator.Validate(parsed.Value));
        }
    }
}
