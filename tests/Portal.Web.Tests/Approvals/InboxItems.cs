using Portal.Domain.Inventory;
using Portal.Domain.Requests;
using Portal.Web.Approvals;
using Portal.Web.Requests;

namespace Portal.Web.Tests.Approvals;

/// <summary>Inbox items as the approvals page gets them, built with <c>new</c> for the unit tests.</summary>
internal static class InboxItems
{
    public static readonly DateTimeOffset Now = new(2026, 5, 4, 14, 0, 0, TimeSpan.Zero);

    public static InboxItem Of(string taskId, params string[] hostnames) => Of(taskId, hostnames, Placement.Virtual, "KVM Frankfurt");

    public static InboxItem Of(string taskId, IReadOnlyList<string> hostnames, Placement placement, string? platform, RequestDemand? demand = null)
    {
        var request = new RequestSummary(
            Guid.NewGuid(), RequestStatus.PendingApproval, "Ubuntu 24.04 1.0", Math.Max(1, hostnames.Count), hostnames, "requester@portal.local",
            demand ?? RequestDemand.Of(Math.Max(1, hostnames.Count), 2, 4096, 20, placement == Placement.Physical), null, Now.AddHours(-2), Now.AddHours(-2));
        return new InboxItem(
            taskId, "Approve the server request", request.Id, ["Approver"], [], ["Approved", "Rejected"], Now.AddHours(-2), Now.AddDays(3).AddHours(-2),
            request, "Load tests for the checkout service.", ["Create a virtual machine"], null, placement, platform);
    }
}
