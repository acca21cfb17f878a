using Portal.Web.Workflows;
using Portal.Web.Workflows.Pages;
using Portal.Workflows.Definitions;
using Portal.Workflows.Runtime;

namespace Portal.Web.Designer.Viewer;

/// <summary>
/// An instance laid over the definition version it runs on: every activity's mark and journal lines, and which
/// connections it took. Built in one pass over the journal, so a long journal costs little; the instance itself
/// (inputs, variables) is kept as <see cref="InstanceView"/> shows it, secrets masked.
/// </summary>
public sealed class InstanceDiagram
{
    private readonly Dictionary<string, ActivityRun> runs;

    private InstanceDiagram(InstanceView instance, WorkflowDefinition definition, Dictionary<string, ActivityRun> runs, HashSet<(string From, string Outcome)> taken)
    {
        Instance = instance;
        Definition = definition;
        this.runs = runs;
        Taken = taken;
    }

    public InstanceView Instance { get; }

    /// <summary>The version of the definition the instance runs on (not the latest).</summary>
    public WorkflowDefinition Definition { get; }

    /// <summary>Outcomes some activity ended with: the connections leaving it with that outcome were followed.</summary>
    public IReadOnlySet<(string From, string Outcome)> Taken { get; }

    public bool IsFinal => WorkflowText.IsFinal(Instance.Status);

    /// <summary>The activity's run; <see cref="ActivityMark.NotRun"/> for one the instance never reached.</summary>
    public ActivityRun RunOf(string activityId) => runs.TryGetValue(activityId, out var run) ? run : ActivityRun.NotRun(activityId);

    public bool WasTaken(Connection connection) => Taken.Contains((connection.From, connection.Outcome));

    /// <summary>How many activities carry each mark, for the legend.</summary>
    public IReadOnlyDictionary<ActivityMark, int> Counts() =>
        Definition.Activities.GroupBy(a => RunOf(a.Id).Mark).ToDictionary(g => g.Key, g => g.Count());

    public static InstanceDiagram From(WorkflowState state, WorkflowDefinition definition)
    {
        var steps = new Dictionary<string, List<JournalStep>>(StringComparer.Ordinal);
        var taken = new HashSet<(string, string)>();
        for (var i = 0; i < state.Journal.Count; i++)
        {
            var entry = state.Journal[i];
            if (!steps.TryGetValue(entry.ActivityId, out var list))
            {
                steps[entry.ActivityId] = list = [];
            }

            list.Add(new JournalStep(i + 1, entry.ExecutionId, entry.Event, entry.StartedAt, entry.Duration, entry.Outcome, entry.Inputs, entry.Error));
            if (entry.Outcome is { } outcome && entry.Event is JournalEvent.Completed or JournalEvent.Resumed or JournalEvent.Skipped)
            {
                taken.Add((entry.ActivityId, outcome));
            }
        }

        var bookmarks = state.Bookmarks.ToLookup(b => b.ActivityId, StringComparer.Ordinal);
        var incidents = state.Incidents.ToLookup(i => i.ActivityId, StringComparer.Ordinal);
        var queued = state.Queue.Select(q => q.ActivityId).Concat(state.WaitingJoins.Keys).ToHashSet(StringComparer.Ordinal);
        var faultedAt = state.Status == WorkflowStatus.Faulted ? state.Incidents.LastOrDefault(i => !i.Resolved)?.ActivityId : null;

        var runs = new Dictionary<string, ActivityRun>(StringComparer.Ordinal);
        foreach (var activity in definition.Activities)
        {
            var id = activity.Id;
            var own = steps.TryGetValue(id, out var list) ? list : [];
            var waits = bookmarks[id].ToList();
            var mark = id == faultedAt ? ActivityMark.Faulted
                : waits.Count > 0 ? ActivityMark.Waiting
                : queued.Contains(id) ? ActivityMark.Queued
                : own.Count == 0 ? ActivityMark.NotRun
                : MarkOf(own[^1].Event, state.Status);
            if (mark == ActivityMark.NotRun && incidents[id].Any() is false)
            {
                continue;
            }

            var output = state.Outputs.TryGetPropertyValue(id, out var value) ? OutputMasking.Masked(value, activity, definition) : null;
            runs[id] = new ActivityRun(id, mark, own, waits, incidents[id].ToList(), output);
        }

        return new InstanceDiagram(InstanceView.From(state, definition), definition, runs, taken);
    }

    private static ActivityMark MarkOf(JournalEvent last, WorkflowStatus status) => last switch
    {
        JournalEvent.Completed or JournalEvent.Resumed => ActivityMark.Completed,
        JournalEvent.Faulted => ActivityMark.Faulted,
        JournalEvent.Skipped => ActivityMark.Skipped,
        JournalEvent.Cancelled => ActivityMark.Cancelled,
        // Suspended, and its bookmark is gone without a resume: a cancel removed it.
        _ => status == WorkflowStatus.Cancelled ? ActivityMark.Cancelled : ActivityMark.Completed,
    };
}
