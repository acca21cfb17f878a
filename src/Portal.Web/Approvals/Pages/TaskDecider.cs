using Portal.Provisioning.Approvals;

namespace Portal.Web.Approvals.Pages;

/// <summary>Records one person's decision on one task (the page passes <see cref="ApprovalInbox.DecideAsync"/> for the signed-in user).</summary>
public delegate Task<DecisionResult> TaskDecider(string taskId, string outcome, string? comment, CancellationToken cancellationToken);
