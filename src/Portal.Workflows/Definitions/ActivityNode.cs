using System.Text.Json.Serialization;
using Portal.Workflows.Definitions.Format;

namespace Portal.Workflows.Definitions;

/// <summary>One activity placed in a flowchart: its id (unique in the definition), its type and its inputs.</summary>
[FormatObject("activity", "Activity", "One step of the flowchart. Members not listed here are allowed (forward compatibility).", AllowsUnknownMembers = true)]
public sealed record ActivityNode
{
    [FormatMember("Activity id", "Identifies the activity within the definition; connections and the journal refer to it. Must be unique within the definition.")]
    [Identifier]
    public required string Id { get; init; }

    /// <summary>The activity type name, as its descriptor declares it ("SetVariable", "UserTask"…).</summary>
    [FormatMember("Activity type", "The kind of activity, as the portal names it: \"Start\", \"End\", \"SetVariable\", \"UserTask\", ...")]
    [NotBlank]
    public required string Type { get; init; }

    /// <summary>The display name the designer and the journal show; the id when empty.</summary>
    [FormatMember("Display name", "The name the designer and the journal show. The id is shown when it is left out.")]
    public string? Name { get; init; }

    [FormatMember("Position", "Where the designer draws the activity. Left out, the designer places it.")]
    public Position? Position { get; init; }

    [FormatMember("Inputs", "The activity's inputs by name, as the activity type declares them; each is a literal value or an expression.")]
    public IReadOnlyDictionary<string, InputValue> Inputs { get; init; } = new Dictionary<string, InputValue>();

    /// <summary>How often and how soon a failing execution is tried again before it becomes an incident.</summary>
    [FormatMember("Retry", "How a failing execution of this activity is tried again. Left out, a failure becomes an incident at once.")]
    public RetryPolicy? Retry { get; init; }

    /// <summary>An activity to run when the instance is cancelled after this one completed (e.g. release hardware).</summary>
    [FormatMember("Compensate with", "The id of an activity to run when the instance is cancelled after this one completed, to undo its effect (e.g. release reserved hardware).")]
    [Identifier]
    public string? CompensateWith { get; init; }

    /// <summary>Members this portal does not know, kept so that saving writes them back; not part of the format's known members.</summary>
    [JsonExtensionData]
    public UnknownMembers? Unknown { get; init; }

    [JsonIgnore]
    public string DisplayName => string.IsNullOrWhiteSpace(Name) ? Id : Name;
}
