using System.Text.Json.Nodes;

namespace Portal.Workflows.Activities.BuiltIn;

/// <summary>Whether a person's decision on a user task counts, and if not, why.</summary>
public sealed record UserTaskDecision(string User, string Outcome, string? Refusal)
{
    public static UserTaskDecision Check(JsonObject task, JsonObject payload)
    {
        var user = payload["user"]?.GetValue<string>() ?? "";
        var outcome = payload["outcome"]?.GetValue<string>() ?? "";
        var roles = UserTaskActivity.Strings(payload["roles"]);
        string? refusal = null;
        if (string.IsNullOrWhiteSpace(user))
        {
            refusal = "A decision must name the user who made it.";
        }
        else if (string.Equals(user, task["excludedUser"]?.GetValue<string>(), StringComparison.OrdinalIgnoreCase))
        {
            refusal = $"{user} may not decide on this task (their own request).";
        }
        else if (!UserTaskActivity.Strings(task["outcomes"]).Contains(outcome, StringComparer.Ordinal))
        {
            refusal = $"'{outcome}' is not one of this task's decisions ({string.Join(", ", UserTaskActivity.Strings(task["outcomes"]))}).";
        }
        else if (!MayDecide(task, user, roles))
        {
            refusal = $"{user} is not an assignee of this task.";
        }
        else if (task["decisions"]?.AsArray().Any(d => string.Equals(d?["user"]?.GetValue<string>(), user, StringComparison.OrdinalIgnoreCase)) == true)
        {
            refusal = $"{user} already decided on this task.";
        }

        return new UserTaskDecision(user, outcome, refusal);
    }

    private static bool MayDecide(JsonObject task, string user, List<string> roles)
    {
        var users = UserTaskActivity.Strings(task["users"]);
        var allowedRoles = UserTaskActivity.Strings(task["roles"]);
        if (users.Count == 0 && allowedRoles.Count == 0)
        {
            return true;
        }

        return users.Contains(user, StringComparer.OrdinalIgnoreCase) || roles.Intersect(allowedRoles, StringComparer.OrdinalIgnoreCase).Any();
    }
}
