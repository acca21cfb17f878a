namespace Portal.Provisioning.Approvals;

/// <summary>How a person's decision on a task ended.</summary>
public enum DecisionResultKind
{
    /// <summary>It counts: the workflow has it.</summary>
    Decided,

    /// <summary>No task waits under this id for this person (never was, expired, or not theirs to see).</summary>
    NotFound,

    /// <summary>The person asked for the server themselves: they may see the task but never decide it.</summary>
    OwnRequest,

    /// <summary>Someone decided first (or this person already did).</summary>
    AlreadyDecided,

    /// <summary>The decision itself is wrong (an outcome not offered, a rejection without a reason): fix and try again.</summary>
    Invalid,
}

/// <summary>The result of a decision, with a sentence for the person and the decision that counts (theirs or the earlier one).</summary>
public sealed record DecisionResult(DecisionResultKind Kind, string Message, TaskDecision? Decision = null, string Field = "outcome");
