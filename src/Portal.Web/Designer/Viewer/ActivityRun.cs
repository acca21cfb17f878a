using System.Text.Json.Nodes;
using Portal.Workflows.Runtime;

namespace Portal.Web.Designer.Viewer;

/// <summary>
/// What one activity did in one instance: its mark, its journal lines, the bookmarks it waits on, its open
/// incident, and its last output (secrets masked, see <see cref="OutputMasking"/>).
/// </summary>
public sealed record ActivityRun(
    string ActivityId,
    ActivityMark Mark,
    IReadOnlyList<JournalStep> Steps,
    IReadOnlyList<Bookmark> Bookmarks,
    IReadOnlyList<Incident> Incidents,
    JsonNode? LastOutput)
{
    public static ActivityRun NotRun(string activityId) => new(activityId, ActivityMark.NotRun, [], [], [], null);

    /// <summary>The incident that keeps the instance faulted here, if any.</summary>
    public Incident? OpenIncident => Incidents.LastOrDefault(i => !i.Resolved);

    /// <summary>How long its journal lines took in all.</summary>
    public TimeSpan TotalDuration => Steps.Aggregate(TimeSpan.Zero, (sum, step) => sum + step.Duration);
}
