using Portal.Workflows.Persistence;
using Portal.Workflows.Runtime;

namespace Portal.Web.Designer;

/// <summary>
/// The running, suspended and faulted instances per workflow, for Admin › Workflows. Read as three lists (one per
/// status) capped at <see cref="Cap"/>: the instance store has no count query, and past the cap the list says "N+"
/// rather than reading every row.
/// </summary>
public sealed class InstanceCounts
{
    public const int Cap = 5000;

    public static readonly InstanceCounts Empty = new(new Dictionary<string, InstanceCount>(), new HashSet<WorkflowStatus>());

    private readonly IReadOnlyDictionary<string, InstanceCount> counts;
    private readonly IReadOnlySet<WorkflowStatus> capped;

    private InstanceCounts(IReadOnlyDictionary<string, InstanceCount> counts, IReadOnlySet<WorkflowStatus> capped)
    {
        this.counts = counts;
        this.capped = capped;
    }

    public InstanceCount For(string definitionId) => counts.GetValueOrDefault(definitionId) ?? InstanceCount.None;

    /// <summary>Whether a status reached the cap, so its numbers are lower bounds.</summary>
    public bool IsCapped(WorkflowStatus status) => capped.Contains(status);

    /// <summary>The number as the list shows it: "12", or "12+" when the status hit the cap.</summary>
    public string Format(int count) => capped.Count > 0 && count > 0 ? $"{count}+" : count.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static async Task<InstanceCounts> ReadAsync(IWorkflowInstanceStore instances, CancellationToken cancellationToken)
    {
        var byStatus = new Dictionary<WorkflowStatus, IReadOnlyList<InstanceSummary>>();
        foreach (var status in new[] { WorkflowStatus.Running, WorkflowStatus.Suspended, WorkflowStatus.Faulted })
        {
            byStatus[status] = await instances.ListAsync(status, null, null, Cap, cancellationToken);
        }

        var ids = byStatus.Values.SelectMany(l => l).Select(i => i.DefinitionId).Distinct(StringComparer.Ordinal);
        var counts = ids.ToDictionary(
            id => id,
            id => new InstanceCount(
                byStatus[WorkflowStatus.Running].Count(i => i.DefinitionId == id),
                byStatus[WorkflowStatus.Suspended].Count(i => i.DefinitionId == id),
                byStatus[WorkflowStatus.Faulted].Count(i => i.DefinitionId == id)),
            StringComparer.Ordinal);
        var capped = byStatus.Where(p => p.Value.Count >= Cap).Select(p => p.Key).ToHashSet();
        return new InstanceCounts(counts, capped);
    }
}
