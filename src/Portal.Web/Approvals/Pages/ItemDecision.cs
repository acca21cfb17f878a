using Portal.Provisioning.Approvals;

namespace Portal.Web.Approvals.Pages;

/// <summary>
/// What happened to one inbox item of a decision: decided, decided by someone else first, gone, refused (with the
/// reason), or not recorded because the portal failed (<see cref="Failure"/>, with <see cref="Kind"/> null).
/// </summary>
public sealed record ItemDecision(InboxItem Item, string Outcome, DecisionResultKind? Kind, string Message, TaskDecision? Decision = null, Exception? Failure = null)
{
    public bool Decided => Kind == DecisionResultKind.Decided;

    /// <summary>Whether the item no longer waits for this person: decided here or elsewhere, expired or withdrawn.</summary>
    public bool LeavesInbox => Kind is DecisionResultKind.Decided or DecisionResultKind.AlreadyDecided or DecisionResultKind.NotFound;
}
