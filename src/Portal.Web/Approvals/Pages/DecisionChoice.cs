namespace Portal.Web.Approvals.Pages;

/// <summary>What an approver chose for one or several inbox items.</summary>
public enum DecisionChoice
{
    /// <summary>The task's positive outcome (its first, e.g. "Approved"); a comment is optional.</summary>
    Approve,

    /// <summary>The task's refusal ("Rejected"); the requester reads the comment it needs.</summary>
    Reject,
}
