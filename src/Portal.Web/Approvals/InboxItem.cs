using Portal.Provisioning.Approvals;
using Portal.Web.Requests;

namespace Portal.Web.Approvals;

/// <summary>An open task with what an approver decides on: the request (who, what, how big, where, why), its plan and what it takes.</summary>
public sealed record InboxItem(
    string Id, string Title, Guid? RequestId, IReadOnlyList<string> Roles, IReadOnlyList<string> Users, IReadOnlyList<string> Outcomes,
    DateTimeOffset CreatedAt, DateTimeOffset? DueAt, RequestSummary? Request, string? Justification, IReadOnlyList<string> Plan, CapacityImpact? Capacity)
{
    public static InboxItem Of(ApprovalTask task, Portal.Domain.Requests.ServerRequest? request, CapacityImpact? capacity) => new(
        task.Id, task.Title, task.RequestId, task.Roles, task.Users, task.Outcomes, task.CreatedAt, task.DueAt,
        request is null ? null : RequestSummary.Of(request), request?.Justification, request?.Plan ?? [], capacity);
}
