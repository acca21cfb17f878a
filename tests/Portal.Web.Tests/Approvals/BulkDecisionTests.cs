using Portal.Provisioning.Approvals;
using Portal.Web.Approvals;
using Portal.Web.Approvals.Pages;

namespace Portal.Web.Tests.Approvals;

public sealed class BulkDecisionTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private readonly List<(string TaskId, string Outcome, string? Comment)> calls = [];

    [Fact]
    public async Task Approving_several_decides_each_with_its_positive_outcome_and_the_one_comment()
    {
        var bulk = new BulkDecision(Decided);

        var results = await bulk.DecideAsync([InboxItems.Of("t1", "web-01"), InboxItems.Of("t2", "web-02")], DecisionChoice.Approve, "  Fine for the release.  ", Token);

        Assert.Equal([("t1", "Approved", "Fine for the release."), ("t2", "Approved", "Fine for the release.")], calls);
        Assert.All(results, r => Assert.True(r.Decided && r.LeavesInbox));
        Assert.Equal(["Approved web-01 request", "Approved web-02 request"], results.Select(r => r.Message));
    }

    [Fact]
    public async Task Approving_needs_no_comment()
    {
        var results = await new BulkDecision(Decided).DecideAsync([InboxItems.Of("t1", "web-01")], DecisionChoice.Approve, "   ", Token);

        Assert.Null(calls.Single().Comment);
        Assert.True(results.Single().Decided);
    }

    [Fact]
    public async Task Rejecting_without_a_comment_decides_nothing_and_says_why_for_each_item()
    {
        var results = await new BulkDecision(Decided).DecideAsync([InboxItems.Of("t1", "web-01"), InboxItems.Of("t2", "web-02")], DecisionChoice.Reject, " ", Token);

        Assert.Empty(calls);
        Assert.All(results, r => Assert.Equal((DecisionResultKind.Invalid, BulkDecision.CommentNeeded), (r.Kind, r.Message)));
        Assert.All(results, r => Assert.False(r.LeavesInbox));
    }

    [Fact]
    public async Task Rejecting_uses_the_tasks_refusal_and_the_comment()
    {
        var results = await new BulkDecision(Decided).DecideAsync([InboxItems.Of("t1", "web-01")], DecisionChoice.Reject, "Use the shared pool.", Token);

        Assert.Equal(("t1", "Rejected", "Use the shared pool."), calls.Single());
        Assert.Equal("Rejected web-01 request", results.Single().Message);
    }

    [Fact]
    public async Task An_item_a_colleague_decided_first_says_who_and_when_and_leaves_the_inbox_while_the_others_are_decided()
    {
        var at = new DateTimeOffset(2026, 5, 4, 13, 58, 0, TimeSpan.Zero);
        var bulk = new BulkDecision((taskId, outcome, comment, _) =>
        {
            calls.Add((taskId, outcome, comment));
            return Task.FromResult(taskId == "t1"
                ? new DecisionResult(DecisionResultKind.AlreadyDecided, "Already decided.", Decision("t1", "kim@portal.local", "Rejected", at))
                : new DecisionResult(DecisionResultKind.Decided, "Approved.", Decision(taskId, "approver@portal.local", outcome, at)));
        });

        var results = await bulk.DecideAsync([InboxItems.Of("t1", "web-01"), InboxItems.Of("t2", "web-02")], DecisionChoice.Approve, null, Token);

        Assert.Equal(2, calls.Count);
        Assert.Equal("Already decided by kim@portal.local at 2026-05-04 13:58 UTC: Rejected", results[0].Message);
        Assert.True(results[0].LeavesInbox);
        Assert.True(results[1].Decided);
    }

    [Theory]
    [InlineData(DecisionResultKind.OwnRequest, false)]
    [InlineData(DecisionResultKind.Invalid, false)]
    [InlineData(DecisionResultKind.NotFound, true)]
    public async Task Refusals_keep_the_portals_message_and_say_whether_the_item_leaves(DecisionResultKind kind, bool leaves)
    {
        var bulk = new BulkDecision((_, _, _, _) => Task.FromResult(new DecisionResult(kind, "The portal's reason.")));

        var result = (await bulk.DecideAsync([InboxItems.Of("t1", "web-01")], DecisionChoice.Approve, null, Token)).Single();

        Assert.Equal((kind, "The portal's reason.", leaves), (result.Kind, result.Message, result.LeavesInbox));
    }

    [Fact]
    public async Task One_item_failing_does_not_stop_the_others_and_its_failure_is_returned()
    {
        var bulk = new BulkDecision((taskId, outcome, comment, ct) =>
            taskId == "t1" ? throw new InvalidOperationException("database away") : Decided(taskId, outcome, comment, ct));

        var results = await bulk.DecideAsync([InboxItems.Of("t1", "web-01"), InboxItems.Of("t2", "web-02")], DecisionChoice.Approve, null, Token);

        Assert.Null(results[0].Kind);
        Assert.IsType<InvalidOperationException>(results[0].Failure);
        Assert.False(results[0].LeavesInbox);
        Assert.DoesNotContain("database away", results[0].Message, StringComparison.Ordinal);
        Assert.True(results[1].Decided);
    }

    [Fact]
    public void A_tasks_own_outcomes_are_used_when_it_offers_other_words()
    {
        var item = InboxItems.Of("t1", "web-01") with { Outcomes = ["Accept", "Escalate", "Decline"] };

        Assert.Equal("Accept", BulkDecision.OutcomeFor(item, DecisionChoice.Approve));
        Assert.Equal("Escalate", BulkDecision.OutcomeFor(item, DecisionChoice.Reject));
    }

    private Task<DecisionResult> Decided(string taskId, string outcome, string? comment, CancellationToken cancellationToken)
    {
        calls.Add((taskId, outcome, comment));
        return Task.FromResult(new DecisionResult(DecisionResultKind.Decided, $"{outcome}.", Decision(taskId, "approver@portal.local", outcome, InboxItems.Now)));
    }

    private static TaskDecision Decision(string taskId, string user, string outcome, DateTimeOffset at) => new()
    {
        Slot = taskId, TaskId = taskId, InstanceId = "i-" + taskId, Task = "Approve the server request", User = user, Outcome = outcome, DecidedAt = at,
    };
}
