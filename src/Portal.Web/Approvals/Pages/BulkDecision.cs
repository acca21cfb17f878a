using Portal.Provisioning.Approvals;

namespace Portal.Web.Approvals.Pages;

/// <summary>
/// Decides one or several inbox items with one choice and one comment, one after the other, and says per item what
/// happened in words for the approver: "Approved web-01 request", "Already decided by kim@… at …". A rejection
/// without a comment is refused before anything is decided. One item failing (the database away for a moment) does
/// not stop the others; its exception is returned for the caller to log.
/// </summary>
public sealed class BulkDecision(TaskDecider decide)
{
    public const string CommentNeeded = "Say why you reject: the requester reads your comment.";

    public async Task<IReadOnlyList<ItemDecision>> DecideAsync(
        IReadOnlyList<InboxItem> items, DecisionChoice choice, string? comment, CancellationToken cancellationToken)
    {
        comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (choice == DecisionChoice.Reject && comment is null)
        {
            return items.Select(i => new ItemDecision(i, OutcomeFor(i, choice), DecisionResultKind.Invalid, CommentNeeded)).ToList();
        }

        var results = new List<ItemDecision>(items.Count);
        foreach (var item in items)
        {
            var outcome = OutcomeFor(item, choice);
            try
            {
                var result = await decide(item.Id, outcome, comment, cancellationToken);
                results.Add(new ItemDecision(item, outcome, result.Kind, Describe(item, outcome, result), result.Decision));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                results.Add(new ItemDecision(item, outcome, null, "Not decided: the portal could not record it just now. Try again.", Failure: e));
            }
        }

        return results;
    }

    /// <summary>The task's own word for the choice: its first outcome to approve, its "Rejected" (or other refusal) to reject.</summary>
    public static string OutcomeFor(InboxItem item, DecisionChoice choice) => choice switch
    {
        DecisionChoice.Approve => item.Outcomes.FirstOrDefault() ?? "Approved",
        _ => item.Outcomes.Skip(1).FirstOrDefault(o => o == "Rejected") ?? item.Outcomes.Skip(1).FirstOrDefault() ?? "Rejected",
    };

    private static string Describe(InboxItem item, string outcome, DecisionResult result) => result.Kind switch
    {
        DecisionResultKind.Decided => $"{outcome} {InboxText.Request(item)}",
        DecisionResultKind.AlreadyDecided when result.Decision is { } earlier =>
            $"Already decided by {earlier.User} at {InboxText.Time(earlier.DecidedAt)}: {earlier.Outcome}",
        _ => result.Message,
    };
}
