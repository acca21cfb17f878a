namespace Portal.Workflows.Definitions;

/// <summary>
/// A workflow as data: a flowchart of activities and connections, with inputs and variables. This is the
/// public JSON shape admins import and export (see workflows/workflow-definition.schema.json).
/// </summary>
public sealed record WorkflowDefinition
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    public required string Id { get; init; }

    public required string Name { get; init; }

    public string? Description { get; init; }

    public IReadOnlyList<WorkflowInput> Inputs { get; init; } = [];

    public IReadOnlyList<WorkflowVariable> Variables { get; init; } = [];

    public required IReadOnlyList<ActivityNode> Activities { get; init; }

    public IReadOnlyList<Connection> Connections { get; init; } = [];

    public ActivityNode? Find(string activityId)
    {
        // Called for every execution: a plain loop, no closure or enumerator to allocate.
        for (var i = 0; i < Activities.Count; i++)
        {
            if (Activities[i].Id == activityId)
            {
                return Activities[i];
            }
        }

        return null;
    }

    public IEnumerable<Connection> From(string activityId, string outcome) =>
        Connections.Where(c => c.From == activityId && c.Outcome == outcome);

    public IEnumerable<Connection> Into(string activityId) => Connections.Where(c => c.To == activityId);
}
