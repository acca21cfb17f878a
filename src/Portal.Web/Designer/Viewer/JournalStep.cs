using System.Text.Json.Nodes;
using Portal.Workflows.Runtime;

namespace Portal.Web.Designer.Viewer;

/// <summary>
/// One journal line of an activity, numbered as on the instance page (its place in the whole journal). The inputs
/// are as the engine recorded them: evaluated, with secrets already masked.
/// </summary>
public sealed record JournalStep(
    int Number, string ExecutionId, JournalEvent Event, DateTimeOffset StartedAt, TimeSpan Duration,
    string? Outcome, JsonObject? Inputs, string? Error);
