using Portal.Domain.Inventory;
using Portal.Domain.Requests;
using Portal.Provisioning.Approvals;
using Portal.Web.Requests;

namespace Portal.Web.Approvals;

/// <summary>
/// An open task with what an approver decides on: the request (who, what, how big, where, why), its plan and what it
/// takes. <see cref="Placement"/> and <see cref="PlatformName"/> say where the requester asked for the servers
/// (no platform name: any platform of that placement).
/// </summary>
public sealed record InboxItem(
    string Id, string Title, Guid? RequestId, IReadOnlyList<string> Roles, IReadOnlyList<string> Users, IReadOnlyList<string> Outcomes,
    DateTimeOffset CreatedAt, DateTimeOffset? DueAt, RequestSummary? Request, string? Justification, IReadOnlyList<string> Plan, CapacityImpact? Capacity,
    Placement? Placement = null, string? PlatformName = null)
{
    public static InboxItem Of(ApprovalTask task, ServerRequest? request, CapacityImpact? capacity, string? platformName = null) => new(
        task.Id, task.Title, task.RequestId, task.Roles, task.Users, task.Outcomes, task.CreatedAt, task.DueAt,
        request is null ? null : RequestSummary.Of(request), request?.Justification, request?.Plan ?? [], capacity,
        request?.Placement, platformName);
}
