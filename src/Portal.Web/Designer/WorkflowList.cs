using Portal.Workflows.Persistence;

namespace Portal.Web.Designer;

/// <summary>
/// Reads the rows of Admin › Workflows from the definition store. The store's summary has no time of change yet,
/// so each row reads its draft and latest version; a portal has a handful of workflows, not thousands.
/// </summary>
public static class WorkflowList
{
    public static async Task<IReadOnlyList<WorkflowListRow>> ReadAsync(WorkflowDefinitions definitions, CancellationToken cancellationToken)
    {
        var rows = new List<WorkflowListRow>();
        foreach (var summary in await definitions.ListAsync(cancellationToken))
        {
            var draft = summary.HasDraft ? await definitions.FindAsync(summary.Id, StoredDefinition.DraftVersion, cancellationToken) : null;
            var latest = summary.LatestVersion is not null ? await definitions.FindAsync(summary.Id, null, cancellationToken) : null;
            var last = new[] { draft, latest }.Where(d => d is not null).MaxBy(d => d!.SavedAt);
            rows.Add(new WorkflowListRow(
                summary.Id, (draft ?? latest)?.Definition.Name ?? summary.Name, (draft ?? latest)?.Definition.Description,
                summary.LatestVersion, summary.HasDraft, summary.Versions.Count, last?.SavedAt, last?.SavedBy));
        }

        return rows.OrderBy(r => r.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
    }
}
