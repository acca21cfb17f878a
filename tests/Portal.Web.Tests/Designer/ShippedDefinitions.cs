using Portal.Workflows.Definitions;

namespace Portal.Web.Tests.Designer;

/// <summary>The workflow definitions the product ships, as the web project copies them next to the tests.</summary>
public static class ShippedDefinitions
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "workflows");

    public static TheoryData<string> Names()
    {
        var names = Directory.GetFiles(Folder, "*.json")
            .Where(f => !f.EndsWith(".schema.json", StringComparison.Ordinal))
            .Select(Path.GetFileNameWithoutExtension)
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(names.Count >= 5, $"Expected the shipped workflows in {Folder}, found {names.Count}.");
        var data = new TheoryData<string>();
        foreach (var name in names)
        {
            data.Add(name!);
        }

        return data;
    }

    public static string Text(string name) => File.ReadAllText(Path.Combine(Folder, name + ".json"));

    public static WorkflowDefinition Load(string name)
    {
        var parsed = WorkflowDefinitionJson.Parse(Text(name));
        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors.Select(e => e.Message)));
        return parsed.Value;
    }
}
