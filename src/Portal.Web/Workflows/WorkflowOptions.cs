namespace Portal.Web.Workflows;

/// <summary>Settings under <c>Portal:Workflows</c>.</summary>
public sealed class WorkflowOptions
{
    public const string Section = "Portal:Workflows";

    /// <summary>
    /// The folder of shipped definitions (*.json) seeded as version 1 on start. Empty: the "workflows"
    /// folder copied next to the portal's binaries.
    /// </summary>
    public string? DefinitionsFolder { get; set; }

    public string ResolveDefinitionsFolder() =>
        string.IsNullOrWhiteSpace(DefinitionsFolder) ? Path.Combine(AppContext.BaseDirectory, "workflows") : Path.GetFullPath(DefinitionsFolder);
}
