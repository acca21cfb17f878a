using System.Text.Json.Serialization;
using Portal.Workflows.Definitions.Format;

namespace Portal.Workflows.Definitions;

/// <summary>
/// A workflow as data: a flowchart of activities and connections, with inputs and variables. This is the
/// public JSON shape admins import and export (see workflows/workflow-definition.schema.json).
/// </summary>
[FormatObject(
    "workflowDefinition",
    "Portal workflow definition",
    "A workflow as the portal imports and exports it: a flowchart of activities joined by connections, with the inputs its starter supplies and the variables an instance keeps. Members not listed here are allowed at the top level and on activities, so that definitions stay readable by portals of the same schema version; inside inputs, variables, input values, positions, retry policies and connections only the listed members are allowed, to catch typos. The portal additionally requires activity ids to be unique within a definition.",
    AllowsUnknownMembers = true)]
public sealed record WorkflowDefinition
{
    public const int CurrentSchemaVersion = 1;

    [FormatMember("Schema version", "The version of this file format. Always 1 for this schema; a portal refuses definitions written by a newer portal.", RequiredInDocuments = true)]
    [SchemaVersion]
    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    [FormatMember("Workflow id", "The stable identifier of the workflow, used by catalog items and by the API. Starts with a letter; letters, digits, '.', '_' and '-' follow. Changing it makes a different workflow.")]
    [Identifier]
    public required string Id { get; init; }

    [FormatMember("Name", "The name admins and requesters see, e.g. \"Server provisioning\".")]
    [NotBlank]
    public required string Name { get; init; }

    [FormatMember("Description", "What the workflow does and when it is used; shown in the workflow list and the designer.")]
    public string? Description { get; init; }

    [FormatMember("Inputs", "The values the starter of a workflow supplies (for example the request id). Expressions read them as input.NAME.")]
    public IReadOnlyList<WorkflowInput> Inputs { get; init; } = [];

    [FormatMember("Variables", "Named values an instance keeps while it runs. Expressions read them as variables.NAME; the SetVariable activity changes them.")]
    public IReadOnlyList<WorkflowVariable> Variables { get; init; } = [];

    [FormatMember("Activities", "The steps of the flowchart. Each has an id unique within the definition and a type the portal knows (Start, End, SetVariable, UserTask, ...).")]
    [UniqueIds("id")]
    public required IReadOnlyList<ActivityNode> Activities { get; init; }

    [FormatMember("Connections", "The arrows of the flowchart: when the activity 'from' ends with 'outcome', the activity 'to' runs.")]
    public IReadOnlyList<Connection> Connections { get; init; } = [];

    /// <summary>Members this portal does not know, kept so that saving writes them back; not part of the format's known members.</summary>
    [JsonExtensionData]
    public UnknownMembers? Unknown { get; init; }

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
