using System.Text.Json.Nodes;

namespace Portal.Workflows.Activities.BuiltIn;

/// <summary>
/// A human decision. Assignees are roles or users; in any-of mode the first valid decision counts, in
/// all-of mode every assignee must decide and any refusal (a decision other than the first outcome) wins.
/// The excluded user (the request's initiator) can never decide. With a due time, expiry goes
/// <c>TimedOut</c>, or takes the configured automatic outcome.
/// </summary>
public sealed class UserTaskActivity : IActivity
{
    public const string BookmarkName = "UserTask";
    public const string TimedOut = "TimedOut";

    public ActivityDescriptor Descriptor { get; } = new()
    {
        Type = "UserTask", Category = "Human", DisplayName = "User task", Description = "Waits for a person's decision.",
        Inputs =
        [
            new("title", "string", Required: true, Description: "What the person is asked."),
            new("roles", "array", Description: "Roles whose members may decide.", UiHint: "roles"),
            new("users", "array", Description: "Users who may decide.", UiHint: "users"),
            new("mode", "string", Description: "any (default): the first decision counts; all: every listed user decides.", Default: "any"),
            new("outcomes", "array", Required: true, Description: "The decisions offered, first the positive one, e.g. [\"Approved\", \"Rejected\"]."),
            new("excludedUser", "string", Description: "Who may not decide, usually the initiator.", UiHint: "expression"),
            new("dueIn", "duration", Description: "How long before it expires: " + Definitions.DurationRule.Forms + "."),
            new("onExpiry", "string", Description: "The outcome taken on expiry; TimedOut when empty."),
        ],
        Outcomes = [TimedOut],
        OutcomesInput = "outcomes",
    };

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var outcomes = Strings(context.Input("outcomes"));
        if (outcomes.Count == 0)
        {
            return ValueTask.FromResult(ActivityResult.Fail("A user task needs at least one outcome."));
        }

        var task = new JsonObject
        {
            ["title"] = context.InputString("title"),
            ["roles"] = new JsonArray(Strings(context.Input("roles")).Select(r => (JsonNode?)r).ToArray()),
            ["users"] = new JsonArray(Strings(context.Input("users")).Select(u => (JsonNode?)u).ToArray()),
            ["mode"] = string.Equals(context.InputString("mode"), "all", StringComparison.OrdinalIgnoreCase) ? "all" : "any",
            ["outcomes"] = new JsonArray(outcomes.Select(o => (JsonNode?)o).ToArray()),
            ["excludedUser"] = context.InputString("excludedUser"),
            ["onExpiry"] = context.InputString("onExpiry"),
            ["decisions"] = new JsonArray(),
        };
        var due = context.InputDuration("dueIn") is { } dueIn ? context.Clock.GetUtcNow() + dueIn : (DateTimeOffset?)null;
        return ValueTask.FromResult(ActivityResult.Wait(new BookmarkRequest(BookmarkName, due, task)));
    }

    /// <summary>
    /// A decision arrives as <c>{ "user": "...", "roles": [...], "outcome": "...", "comment": "..." }</c>;
    /// a timer expiry as <c>{ "timedOut": true }</c>. An invalid decision is refused and the task keeps waiting.
    /// </summary>
    public ValueTask<ActivityResult> ResumeAsync(ActivityContext context, BookmarkResume resume)
    {
        var task = resume.Bookmark.Data?.DeepClone().AsObject() ?? [];
        var payload = resume.Payload as JsonObject ?? [];
        if (payload["timedOut"]?.GetValue<bool>() == true)
        {
            var onExpiry = task["onExpiry"]?.GetValue<string>();
            return Done(string.IsNullOrEmpty(onExpiry) ? TimedOut : onExpiry, task);
        }

        var verdict = UserTaskDecision.Check(task, payload);
        if (verdict.Refusal is { } refusal)
        {
            return ValueTask.FromResult(ActivityResult.Refuse(refusal));
        }

        var decisions = task["decisions"]!.AsArray();
        decisions.Add(new JsonObject { ["user"] = verdict.User, ["outcome"] = verdict.Outcome, ["comment"] = payload["comment"]?.DeepClone() });
        var outcomes = Strings(task["outcomes"]);
        if (task["mode"]?.GetValue<string>() != "all")
        {
            return Done(verdict.Outcome, task);
        }

        // All-of: a refusal by anyone decides at once; approval needs every listed user.
        if (verdict.Outcome != outcomes[0])
        {
            return Done(verdict.Outcome, task);
        }

        var pending = Strings(task["users"]).Except(decisions.Select(d => d?["user"]?.GetValue<string>() ?? ""), StringComparer.OrdinalIgnoreCase).ToList();
        return pending.Count == 0
            ? Done(outcomes[0], task)
            : ValueTask.FromResult(ActivityResult.Wait(new BookmarkRequest(BookmarkName, resume.Bookmark.DueAt, task)));
    }

    private static ValueTask<ActivityResult> Done(string outcome, JsonObject task) =>
        ValueTask.FromResult(ActivityResult.Complete(outcome, new JsonObject { ["outcome"] = outcome, ["decisions"] = task["decisions"]?.DeepClone() }));

    public static List<string> Strings(JsonNode? node) => node switch
    {
        JsonArray array => array.Select(v => v?.ToString()).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!).ToList(),
        JsonValue value when value.TryGetValue<string>(out var single) && single.Length > 0 => [single],
        _ => [],
    };
}
