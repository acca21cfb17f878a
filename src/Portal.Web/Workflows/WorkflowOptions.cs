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

    /// <summary>How often an idle node looks for due work (timers, work of a node that died).</summary>
    [System.ComponentModel.DataAnnotations.Range(10, 60_000)]
    public int PollIntervalMilliseconds { get; set; } = 500;

    /// <summary>How many due work items a node claims at a time.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 1000)]
    public int BatchSize { get; set; } = 50;

    /// <summary>Run the worker on this node. Off for a node that should only serve pages.</summary>
    public bool RunWorker { get; set; } = true;

    public string ResolveDefinitionsFolder() =>
        string.IsNullOrWhiteSpace(DefinitionsFolder) ? Path.Combine(AppContext.BaseDirectory, "workflows") : Path.GetFullPath(DefinitionsFolder);
}
