using Portal.Domain.Validation;
using Portal.Workflows.Definitions;

namespace Portal.Web.Designer;

/// <summary>
/// The validator's errors sorted by what they concern, so each is shown next to its field: an activity's input
/// (<c>activities[id].inputs.name</c>), the activity itself, a connection (shown on the activity it starts from),
/// or the workflow.
/// </summary>
public sealed class ValidationIndex
{
    private const string ActivitiesPrefix = "activities[";
    private const string ConnectionsPrefix = "connections[";
    private const string InputsPart = ".inputs.";

    private readonly Dictionary<string, List<ValidationError>> byActivity = new(StringComparer.Ordinal);
    private readonly List<ValidationError> workflow = [];

    public static ValidationIndex Empty { get; } = new([], null);

    public ValidationIndex(IReadOnlyList<ValidationError> errors, WorkflowDefinition? definition)
    {
        All = errors;
        foreach (var error in errors)
        {
            if (ActivityOf(error.Field, definition) is { } id)
            {
                if (!byActivity.TryGetValue(id, out var list))
                {
                    byActivity[id] = list = [];
                }

                list.Add(error);
            }
            else
            {
                workflow.Add(error);
            }
        }
    }

    public IReadOnlyList<ValidationError> All { get; }

    public bool IsValid => All.Count == 0;

    /// <summary>The errors about the workflow as a whole (name, inputs, variables, a missing Start).</summary>
    public IReadOnlyList<ValidationError> Workflow => workflow;

    public IReadOnlyCollection<string> FlaggedActivities => byActivity.Keys;

    public IReadOnlyList<ValidationError> ForActivity(string activityId) =>
        byActivity.TryGetValue(activityId, out var list) ? list : [];

    /// <summary>The messages about one input of an activity.</summary>
    public IReadOnlyList<string> ForInput(string activityId, string input) =>
        ForActivity(activityId).Where(e => InputOf(e.Field) == input).Select(e => e.Message).ToList();

    /// <summary>The messages about the activity that concern none of its inputs (type, reachability, its connections).</summary>
    public IReadOnlyList<string> ForActivityItself(string activityId) =>
        ForActivity(activityId).Where(e => InputOf(e.Field) is null).Select(e => e.Message).ToList();

    /// <summary>The activity an error field concerns: <c>activities[id]…</c>, or the source of <c>connections[i]…</c>.</summary>
    public static string? ActivityOf(string field, WorkflowDefinition? definition)
    {
        if (field.StartsWith(ActivitiesPrefix, StringComparison.Ordinal))
        {
            var end = field.IndexOf(']', ActivitiesPrefix.Length);
            return end < 0 ? null : field[ActivitiesPrefix.Length..end];
        }

        if (definition is not null && field.StartsWith(ConnectionsPrefix, StringComparison.Ordinal))
        {
            var end = field.IndexOf(']', ConnectionsPrefix.Length);
            if (end > 0 && int.TryParse(field.AsSpan(ConnectionsPrefix.Length, end - ConnectionsPrefix.Length), out var index)
                && index >= 0 && index < definition.Connections.Count && definition.Find(definition.Connections[index].From) is not null)
            {
                return definition.Connections[index].From;
            }
        }

        return null;
    }

    private static string? InputOf(string field)
    {
        if (!field.StartsWith(ActivitiesPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var at = field.IndexOf(InputsPart, StringComparison.Ordinal);
        return at < 0 ? null : field[(at + InputsPart.Length)..];
    }
}
