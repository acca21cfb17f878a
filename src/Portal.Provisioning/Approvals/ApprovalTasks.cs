using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Portal.Domain.Audit;
using Portal.Provisioning.Requests;
using Portal.Workflows.Activities.BuiltIn;
using Portal.Workflows.Hosting;
using Portal.Workflows.Persistence;

namespace Portal.Provisioning.Approvals;

/// <summary>
/// The approval inbox and decisions. Tasks are the user-task bookmarks of waiting instances; a decision is
/// recorded first under its slot — so of two approvers deciding at once exactly one counts and the other is told
/// who decided — and then resumes the workflow. A decision recorded but never taken by the workflow (the node died
/// in between) is delivered again by <see cref="RedeliverAsync"/>: a resume of a consumed bookmark does nothing.
/// </summary>
public sealed partial class ApprovalTasks(
    IWorkflowInstanceStore instances, ITaskDecisionStore decisions, WorkflowEngine engine, TimeProvider clock, IAuditLog audit, RequestNotifications notifications, ILogger<ApprovalTasks> logger)
{
    /// <summary>How many waiting instances an inbox reads at most.</summary>
    public const int MaxOpenTasks = 2000;

    /// <summary>The tasks waiting for this person, oldest first; never their own requests'.</summary>
    public async Task<IReadOnlyList<ApprovalTask>> InboxAsync(string user, IReadOnlyCollection<string> roles, CancellationToken cancellationToken) =>
        (await OpenAsync(cancellationToken)).Where(t => t.IsWaitingFor(user, roles)).ToList();

    /// <summary>Every open task, oldest first (admins watch these).</summary>
    public async Task<IReadOnlyList<ApprovalTask>> OpenAsync(CancellationToken cancellationToken) =>
        (await instances.WaitingAsync(UserTaskActivity.BookmarkName, MaxOpenTasks, cancellationToken))
            .SelectMany(ApprovalTask.Of)
            .OrderBy(t => t.CreatedAt)
            .ToList();

    public async Task<ApprovalTask?> FindAsync(string taskId, CancellationToken cancellationToken)
    {
        if (await instances.FindByBookmarkAsync(taskId, cancellationToken) is not { } instanceId
            || await instances.FindAsync(instanceId, cancellationToken) is not { } state)
        {
            return null;
        }

        var bookmark = state.Bookmarks.FirstOrDefault(b => b.Id == taskId && b.Name == UserTaskActivity.BookmarkName);
        return bookmark is null ? null : ApprovalTask.Of(state, bookmark);
    }

    public async Task<DecisionResult> DecideAsync(
        string taskId, string user, IReadOnlyCollection<string> roles, string outcome, string? comment, CancellationToken cancellationToken)
    {
        var task = await FindAsync(taskId, cancellationToken);
        if (task is null)
        {
            var earlier = (await decisions.ForTaskAsync(taskId, cancellationToken)).OrderBy(d => d.DecidedAt).FirstOrDefault();
            return earlier is null
                ? new DecisionResult(DecisionResultKind.NotFound, "No decision waits under this id: it expired, the request was withdrawn, or it is not yours.")
                : AlreadyDecided(earlier);
        }

        if (task.IsOwnRequest(user))
        {
            return new DecisionResult(DecisionResultKind.OwnRequest, "You asked for this yourself: someone else has to decide.");
        }

        if (!task.IsAssignedTo(user, roles))
        {
            return new DecisionResult(DecisionResultKind.NotFound, "No decision waits under this id: it expired, the request was withdrawn, or it is not yours.");
        }

        if (!task.Outcomes.Contains(outcome, StringComparer.Ordinal))
        {
            return new DecisionResult(DecisionResultKind.Invalid, $"Decide with one of: {string.Join(", ", task.Outcomes)}.");
        }

        comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (outcome != task.PositiveOutcome && comment is null)
        {
            return new DecisionResult(DecisionResultKind.Invalid, "Say why: the requester reads your comment.", Field: "comment");
        }

        if (comment is { Length: > 2000 })
        {
            return new DecisionResult(DecisionResultKind.Invalid, "Keep the comment under 2000 characters.", Field: "comment");
        }

        var decision = new TaskDecision
        {
            Slot = TaskDecision.SlotFor(task.Id, task.EveryAssigneeDecides, user),
            TaskId = task.Id,
            InstanceId = task.InstanceId,
            RequestId = task.RequestId,
            Task = task.Title,
            User = user,
            Roles = roles.ToList(),
            Outcome = outcome,
            Comment = comment,
            DecidedAt = clock.GetUtcNow(),
        };
        if (await audit.RecordWithAsync(AuditEntryFor(task, outcome), () => decisions.TryRecordAsync(decision, cancellationToken), earlier => earlier is null, cancellationToken) is { } first)
        {
            return AlreadyDecided(first);
        }

        await DeliverAsync(decision, cancellationToken);
        LogDecided(task.Id, user, outcome);
        return new DecisionResult(DecisionResultKind.Decided, $"{outcome}.", decision);
    }

    /// <summary>Hands decisions that were recorded but not taken by their workflow to it again; returns how many.</summary>
    public async Task<int> RedeliverAsync(TimeSpan olderThan, CancellationToken cancellationToken)
    {
        var pending = await decisions.UnappliedAsync(clock.GetUtcNow() - olderThan, 100, cancellationToken);
        foreach (var decision in pending)
        {
            await DeliverAsync(decision, cancellationToken);
        }

        return pending.Count;
    }

    private async Task DeliverAsync(TaskDecision decision, CancellationToken cancellationToken)
    {
        await engine.ResumeAsync(decision.InstanceId, decision.TaskId, new JsonObject
        {
            ["user"] = decision.User,
            ["roles"] = new JsonArray(decision.Roles.Select(r => (JsonNode?)r).ToArray()),
            ["outcome"] = decision.Outcome,
            ["comment"] = decision.Comment,
        }, cancellationToken);
        await decisions.MarkAppliedAsync(decision.Slot, clock.GetUtcNow(), cancellationToken);

        // A decision may open the next task (a second approval): its people hear of it now, not at their next look.
        if (await instances.FindAsync(decision.InstanceId, cancellationToken) is { } state)
        {
            await notifications.WaitingAsync(ApprovalTask.Of(state), cancellationToken);
        }
    }

    /// <summary>An approval's decision on a request: approved with the task's positive outcome, rejected with any other.</summary>
    private static AuditEntry AuditEntryFor(ApprovalTask task, string outcome) => new(
        outcome == task.PositiveOutcome ? AuditAction.RequestApproved : AuditAction.RequestRejected,
        task.RequestId is { } requestId ? AuditTarget.Request(requestId, task.Title) : new AuditTarget(AuditTarget.TaskType, task.Id, task.Title),
        $"{outcome} ({task.Title}).");

    private static DecisionResult AlreadyDecided(TaskDecision earlier) => new(
        DecisionResultKind.AlreadyDecided,
        $"Already decided: {earlier.Outcome} by {earlier.User} at {earlier.DecidedAt:yyyy-MM-dd HH:mm} UTC.", earlier);

    [LoggerMessage(Level = LogLevel.Information, Message = "Task {TaskId}: {User} decided {Outcome}")]
    private partial void LogDecided(string taskId, string user, string outcome);
}
