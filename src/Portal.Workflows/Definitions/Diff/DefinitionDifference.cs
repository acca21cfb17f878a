namespace Portal.Workflows.Definitions.Diff;

/// <summary>
/// What changed from one version of a definition to another: activities added, removed and changed (with which
/// fields), connections added and removed, and the definition's own fields ("name", "description",
/// "inputs.NAME", "variables.NAME"…). Lists keep the order of the version they come from.
/// </summary>
public sealed record DefinitionDifference(
    IReadOnlyList<string> DefinitionFields,
    IReadOnlyList<ActivityNode> AddedActivities,
    IReadOnlyList<ActivityNode> RemovedActivities,
    IReadOnlyList<ActivityChange> ChangedActivities,
    IReadOnlyList<Connection> AddedConnections,
    IReadOnlyList<Connection> RemovedConnections)
{
    public bool IsEmpty =>
        DefinitionFields.Count == 0 && AddedActivities.Count == 0 && RemovedActivities.Count == 0 && ChangedActivities.Count == 0
        && AddedConnections.Count == 0 && RemovedConnections.Count == 0;
}
