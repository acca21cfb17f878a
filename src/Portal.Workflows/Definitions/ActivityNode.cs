namespace Portal.Workflows.Definitions;

/// <summary>One activity placed in a flowchart: its id (unique in the definition), its type and its inputs.</summary>
public sealed record ActivityNode
{
    public required string Id { get; init; }

    /// <summary>The activity type name, as its descriptor declares it ("SetVariable", "UserTask"…).</summary>
    public required string Type { get; init; }

    /// <summary>The display name the designer and the journal show; the id when empty.</summary>
    public string? Name { get; init; }

    public Position? Position { get; init; }

    public IReadOnlyDictionary<string, InputValue> Inputs { get; init; } = new Dictionary<string, InputValue>();

    /// <summary>How often and how soon a failing execution is tried again before it becomes an incident.</summary>
    public RetryPolicy? Retry { get; init; }

    /// <summary>An activity to run when the instance is cancelled after this one completed (e.g. release hardware).</summary>
    public string? CompensateWith { get; init; }

    public string DisplayName => string.IsNullOrWhiteSpace(Name) ? Id : Name;
}
