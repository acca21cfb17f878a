using System.Text.Json.Nodes;
using Portal.Domain.Requests;
using Portal.Provisioning.Approvals;
using Portal.Workflows.Definitions;
using Portal.Workflows.Runtime;

namespace Portal.Web.Requests;

/// <summary>
/// A request's timeline in words, built from the journals of its workflow and of the deployments it runs (one per
/// server), and from the decisions people made: the activities' display names as the workflow's author wrote them,
/// what waits for whom, what failed and why. Plumbing (start, end, decisions of the flow, logging) is left out.
/// </summary>
public static class RequestTimeline
{
    private static readonly HashSet<string> Plumbing = new(StringComparer.Ordinal)
    {
        "Start", "End", "Log", "Decision", "Switch", "SetVariable", "Fork", "Join", "RunWorkflow",
    };

    /// <param name="request">The request.</param>
    /// <param name="decisions">The decisions on its tasks.</param>
    /// <param name="instances">Its workflow instance and its children, each with the definition version it runs (null when missing).</param>
    /// <param name="hostnameOfDeployment">The server name a deployment id stands for, to label the children's lines.</param>
    public static IReadOnlyList<TimelineEntry> Build(
        ServerRequest request, IReadOnlyList<TaskDecision> decisions, IReadOnlyList<(WorkflowState State, WorkflowDefinition? Definition)> instances,
        Func<Guid, string?> hostnameOfDeployment)
    {
        var entries = new List<TimelineEntry>
        {
            new(request.CreatedAt, $"Requested by {request.RequestedBy}: {request.Quantity} × {request.ImageName}", TimelineKind.Info),
        };
        entries.AddRange(decisions.Select(d => new TimelineEntry(
            d.DecidedAt,
            $"{d.Outcome} by {d.User}{(d.Comment is null ? "" : $": “{d.Comment}”")}",
            d.Outcome == "Approved" ? TimelineKind.Approved : d.Outcome == "Rejected" ? TimelineKind.Rejected : TimelineKind.Info)));

        // A rejection's own line says who and why; the request's move to Rejected then only says what it means.
        var refused = decisions.Any(d => d.Outcome == "Rejected");
        foreach (var (state, definition) in instances)
        {
            var server = state.Inputs["deploymentId"] is JsonValue id && Guid.TryParse(id.ToString(), out var deploymentId)
                ? hostnameOfDeployment(deploymentId) ?? "a server"
                : null;
            foreach (var entry in state.Journal)
            {
                var node = definition?.Find(entry.ActivityId);
                if (Describe(request, entry, node, refused) is { } line)
                {
                    entries.Add(line with { Server = server, Text = server is null ? line.Text : $"{server}: {line.Text}" });
                }
            }
        }

        // How it ended comes from the request itself: its record moves in the step that ends it, before that step's
        // journal is stored, and a withdrawal moves no workflow activity at all.
        if (Ended(request, refused) is { } end)
        {
            entries.Add(end);
        }

        return entries.OrderBy(e => e.At).ToList();
    }

    private static TimelineEntry? Ended(ServerRequest request, bool refused) => request.Status switch
    {
        RequestStatus.Completed => new(request.UpdatedAt, request.Quantity == 1 ? "Completed: the server is up" : "Completed: every server is up", TimelineKind.Done),
        RequestStatus.Failed => new(request.UpdatedAt,
            request.DeploymentIds.Count > 1 ? "Failed: not every server could be deployed" : $"Failed: {request.Message}", TimelineKind.Failed),
        RequestStatus.Rejected when refused => new(request.UpdatedAt, "Closed: nothing is built and the host names are free again", TimelineKind.Rejected),
        RequestStatus.Rejected => new(request.UpdatedAt, $"Rejected{(request.Message is null ? "" : $": {request.Message}")}", TimelineKind.Rejected),
        RequestStatus.Cancelled => new(request.UpdatedAt, $"Cancelled{(request.Message is null ? "" : $": {request.Message}")}", TimelineKind.Info),
        _ => null,
    };

    private static TimelineEntry? Describe(ServerRequest request, JournalEntry entry, ActivityNode? node, bool refused)
    {
        if (Plumbing.Contains(entry.ActivityType))
        {
            return null;
        }

        var name = node?.DisplayName ?? entry.ActivityId;
        var at = entry.StartedAt + entry.Duration;
        return (entry.ActivityType, entry.Event) switch
        {
            ("UserTask", JournalEvent.Suspended) => new(at, $"Waiting for {Whom(entry.Inputs)} to decide: {Text(entry.Inputs?["title"]) ?? name}", TimelineKind.Waiting),
            ("UserTask", JournalEvent.Resumed) when entry.Outcome == "TimedOut" => new(at, $"{name}: nobody decided in time", TimelineKind.Rejected),
            // A decision's own line (who, why) comes from the decision itself.
            ("UserTask", _) => null,
            ("UpdateRequest", JournalEvent.Completed) => RequestMoved(request, at, Text(entry.Inputs?["status"])),
            ("WaitForDeploymentCallback", JournalEvent.Suspended) => new(at, "Waiting for the image writer on the server to report", TimelineKind.Waiting),
            ("FinishDeployment", JournalEvent.Completed) => entry.Inputs?["succeeded"]?.GetValue<bool>() == true
                ? new(at, $"{name}", TimelineKind.Done)
                : new(at, $"{name}: {Text(entry.Inputs?["message"]) ?? "failed"}", TimelineKind.Failed),
            (_, JournalEvent.Faulted) => new(at, $"{name} failed: {entry.Error}", TimelineKind.Failed),
            (_, JournalEvent.Cancelled) => new(at, $"{name} was cancelled", TimelineKind.Failed),
            (_, JournalEvent.Skipped) => new(at, $"{name} was skipped by an admin ({entry.Outcome})", TimelineKind.Info),
            (_, JournalEvent.Suspended) => new(at, $"{name}: waiting", TimelineKind.Waiting),
            (_, JournalEvent.Completed or JournalEvent.Resumed) when entry.Outcome is null or "Done" => new(at, name, TimelineKind.Done),
            (_, JournalEvent.Completed or JournalEvent.Resumed) => new(at, $"{name}: {entry.Outcome}", entry.Outcome is "NoCapacity" or "Failed" or "TimedOut" ? TimelineKind.Failed : TimelineKind.Done),
            _ => null,
        };
    }

    /// <summary>The request's moves on the way; where it ended is <see cref="Ended"/>'s, from the record.</summary>
    private static TimelineEntry? RequestMoved(ServerRequest request, DateTimeOffset at, string? status) => status switch
    {
        nameof(RequestStatus.Approved) => new(at, "Approved: the servers will be deployed", TimelineKind.Approved),
        nameof(RequestStatus.Provisioning) => new(at, request.Quantity == 1 ? "Deploying the server" : $"Deploying {request.Quantity} servers at once", TimelineKind.Info),
        _ => null,
    };

    private static string Whom(JsonObject? inputs)
    {
        var roles = (inputs?["roles"] as JsonArray ?? []).Select(r => r?.ToString()).OfType<string>().ToList();
        var users = (inputs?["users"] as JsonArray ?? []).Select(u => u?.ToString()).OfType<string>().ToList();
        var whom = roles.Select(r => r.ToLowerInvariant()).Select(r => $"{("aeiou".Contains(r[0], StringComparison.Ordinal) ? "an" : "a")} {r}").Concat(users).ToList();
        return whom.Count == 0 ? "someone" : string.Join(" or ", whom);
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
}
