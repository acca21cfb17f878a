using Portal.Web.Approvals;

namespace Portal.Web.Dashboard;

/// <summary>What waits for an approver: the oldest few tasks, and how many in all.</summary>
public sealed record ApproverDashboardView(IReadOnlyList<InboxItem> Oldest, int Total);
