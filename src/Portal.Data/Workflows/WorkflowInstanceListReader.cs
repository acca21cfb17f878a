using Microsoft.EntityFrameworkCore;
using Portal.Workflows.Persistence;
using Portal.Workflows.Runtime;

namespace Portal.Data.Workflows;

/// <summary>
/// The instances page's read: one page of instance summaries, the most recently active first, filtered in SQL, with
/// the total by COUNT. Columns only: an instance's state is never read for the list.
/// </summary>
public sealed class WorkflowInstanceListReader(PortalDbContext db)
{
    public const int MaxPageSize = 500;

    public async Task<InstanceSummaryPage> PageAsync(
        WorkflowStatus? status, string? definitionId, string? correlationId, int page, int pageSize, CancellationToken cancellationToken)
    {
        var query = db.WorkflowInstances.AsNoTracking().Filtered(status, definitionId, correlationId);

        var total = await query.CountAsync(cancellationToken);
        var size = Math.Clamp(pageSize, 1, MaxPageSize);
        var items = await query.OrderByDescending(i => i.UpdatedAt).ThenBy(i => i.Id).Skip(Math.Max(0, page) * size).Take(size)
            .Select(i => new InstanceSummary(i.Id, i.DefinitionId, i.DefinitionVersion, i.Status, i.CorrelationId, i.CreatedAt, i.UpdatedAt))
            .ToListAsync(cancellationToken);
        return new InstanceSummaryPage(items, total);
    }

    /// <summary>Whether any instance has run at all (the page's empty state).</summary>
    public Task<bool> AnyAsync(CancellationToken cancellationToken) => db.WorkflowInstances.AnyAsync(cancellationToken);
}
