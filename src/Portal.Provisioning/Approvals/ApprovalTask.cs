using System.Text.Json.Nodes;
using Portal.Workflows.Activities.BuiltIn;
using Portal.Workflows.Runtime;

namespace Portal.Provisioning.Approvals;

/// <summary>
/// An open user task as people see it: what is asked, of whom (roles, users), who may never decide (the requester),
/// the decisions offered, since when and until when, and the request it belongs to. Its id is its bookmark's.
/// </summary>
public sealed record ApprovalTask(
    string Id, string InstanceId, string WorkflowId, string ActivityId, string Title, IReadOnlyList<string> Roles, IReadOnlyList<string> Users,
    bool EveryAssigneeDecides, IReadOnlyList<string> Outcomes, string? ExcludedUser, DateTimeOffset CreatedAt, DateTimeOffset? DueAt,
    Guid? RequestId, IReadOnlyList<string> DecidedBy)
{
    /// <summary>The first outcome is the positive one ("Approved"); any other needs a reason.</summary>
    public string PositiveOutcome => Outcomes.Count > 0 ? Outcomes[0] : "";

    public bool IsOwnRequest(string user) => string.Equals(user, ExcludedUser, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the person is one of the assignees (by name or role); a task with none is anyone's.</summary>
    public bool IsAssignedTo(string user, IReadOnlyCollection<string> roles) =>
        (Users.Count == 0 && Roles.Count == 0)
        || Users.Contains(user, StringComparer.OrdinalIgnoreCase)
        || Roles.Any(r => roles.Contains(r, StringComparer.OrdinalIgnoreCase));

    /// <summary>In the person's inbox: assigned, not their own request, not decided by them already.</summary>
    public bool IsWaitingFor(string user, IReadOnlyCollection<string> roles) =>
        IsAssignedTo(user, roles) && !IsOwnRequest(user) && !DecidedBy.Contains(user, StringComparer.OrdinalIgnoreCase);

    /// <summary>The open user tasks of one instance.</summary>
    public static IEnumerable<ApprovalTask> Of(WorkflowState state) =>
        state.Bookmarks.Where(b => b.Name == UserTaskActivity.BookmarkName).Select(b => Of(state, b));

    public static ApprovalTask Of(WorkflowState state, Bookmark bookmark)
    {
        var data = bookmark.Data as JsonObject ?? [];
        return new ApprovalTask(
            bookmark.Id, state.InstanceId, state.DefinitionId, bookmark.ActivityId,
            data["title"]?.GetValue<string>() ?? "Decide",
            UserTaskActivity.Strings(data["roles"]), UserTaskActivity.Strings(data["users"]),
            data["mode"]?.GetValue<string>() == "all",
            UserTaskActivity.Strings(data["outcomes"]),
            data["excludedUser"]?.GetValue<string>() is { Length: > 0 } excluded ? excluded : null,
            bookmark.CreatedAt, bookmark.DueAt,
            Guid.TryParse(state.CorrelationId, out var requestId) ? requestId : null,
            (data["decisions"] as JsonArray ?? []).Select(d => d?["user"]?.GetValue<string>()).OfType<string>().ToList());
    }
}
