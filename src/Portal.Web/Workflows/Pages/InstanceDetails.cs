using Portal.Workflows.Activities;
using Portal.Workflows.Definitions;
using Portal.Workflows.Persistence;
using Portal.Workflows.Runtime;

namespace Portal.Web.Workflows.Pages;

/// <summary>
/// What the instance page shows and offers: the instance with its secrets masked, the definition's name and
/// activity names, and — when it is faulted — the activity that failed and the outcomes an admin may skip it with.
/// </summary>
public sealed record InstanceDetails(
    InstanceView Instance,
    string? DefinitionName,
    IReadOnlyDictionary<string, string> ActivityNames,
    Incident? OpenIncident,
    IReadOnlyList<string> SkipOutcomes)
{
    public bool CanRetry => Instance.Status == WorkflowStatus.Faulted && OpenIncident is not null;

    public bool CanSkip => CanRetry && SkipOutcomes.Count > 0;

    public bool CanCancel => !WorkflowText.IsFinal(Instance.Status);

    /// <summary>The activity's display name when the definition names it, otherwise its id.</summary>
    public string ActivityName(string activityId) => ActivityNames.GetValueOrDefault(activityId, activityId);

    /// <summary>Loads one instance with what explains it, in the caller's scope; null when there is no such instance.</summary>
    public static async Task<InstanceDetails?> LoadAsync(IServiceProvider services, string instanceId, CancellationToken cancellationToken)
    {
        var state = await services.GetRequiredService<IWorkflowInstanceStore>().FindAsync(instanceId, cancellationToken);
        if (state is null)
        {
            return null;
        }

        var stored = await services.GetRequiredService<WorkflowDefinitions>().FindAsync(state.DefinitionId, state.DefinitionVersion, cancellationToken);
        return From(state, stored?.Definition, services.GetRequiredService<ActivityRegistry>());
    }

    public static InstanceDetails From(WorkflowState state, WorkflowDefinition? definition, ActivityRegistry activities)
    {
        var open = state.Status == WorkflowStatus.Faulted ? state.Incidents.LastOrDefault(i => !i.Resolved) : null;
        var failed = open is null ? null : definition?.Find(open.ActivityId);
        var outcomes = failed is not null && activities.Find(failed.Type) is { } activity ? activity.Descriptor.OutcomesFor(failed) : [];
        return new InstanceDetails(
            InstanceView.From(state, definition),
            definition?.Name,
            definition?.Activities.ToDictionary(a => a.Id, a => a.DisplayName, StringComparer.Ordinal) ?? new Dictionary<string, string>(),
            open,
            outcomes);
    }
}
