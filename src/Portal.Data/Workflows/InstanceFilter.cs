using Portal.Workflows.Runtime;

namespace Portal.Data.Workflows;

/// <summary>The instance list's filters (status, workflow, correlation), one query shape for the API's list and the paged page.</summary>
internal static class InstanceFilter
{
    public static IQueryable<WorkflowInstanceRecord> Filtered(
        this IQueryable<WorkflowInstanceRecord> query, WorkflowStatus? status, string? definitionId, string? correlationId)
    {
        if (status is { } s)
        {
            query = query.Where(i => i.Status == s);
        }

        if (!string.IsNullOrEmpty(definitionId))
        {
            query = query.Where(i => i.DefinitionId == definitionId);
        }

        if (!string.IsNullOrEmpty(correlationId))
        {
            query = query.Where(i => i.CorrelationId == correlationId);
        }

        return query;
    }
}
