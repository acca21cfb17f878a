using System.Text.Json.Nodes;

namespace Portal.Workflows.Activities.BuiltIn;

/// <summary>
/// Runs another workflow as a child and waits for it. The engine starts the child in the same commit as
/// this step and resumes this activity when the child completes (its variables become this activity's
/// output) or is cancelled (this activity fails). A faulted child waits for an admin, visibly, and so
/// does its parent.
/// With <c>each</c> (a list of input objects) it runs one child per element, all at once, and completes
/// when every child has finished; its output lists each child's inputs, status and variables, in the order
/// they finished, and the workflow decides what a cancelled or unsuccessful child means.
/// </summary>
public sealed class RunWorkflowActivity : IActivity
{
    public const string BookmarkName = "RunWorkflow";

    public ActivityDescriptor Descriptor { get; } = new()
    {
        Type = "RunWorkflow", Category = "Composition", DisplayName = "Run workflow",
        Description = "Starts another workflow with inputs and waits until it finishes; with 'each', one child per element, in parallel.",
        Inputs =
        [
            new("workflow", "string", Required: true, Description: "The id of the workflow to run."),
            new("version", "number", Description: "A pinned published version; the latest when empty."),
            new("inputs", "object", Description: "The child's inputs.", UiHint: "expression"),
            new("each", "array", Description: "Runs one child per element (each element is that child's inputs), in parallel; output: children[].", UiHint: "expression"),
        ],
    };

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var request = new JsonObject
        {
            ["workflow"] = context.RequiredString("workflow"),
            ["version"] = context.Input("version")?.DeepClone(),
            ["inputs"] = context.Input("inputs")?.DeepClone() ?? new JsonObject(),
        };
        if (context.Input("each") is { } each)
        {
            if (each is not JsonArray list || list.Any(e => e is not JsonObject))
            {
                return ValueTask.FromResult(ActivityResult.Fail($"Activity '{context.Node.DisplayName}' ({context.Node.Id}): 'each' must be a list of input objects."));
            }

            if (list.Count == 0)
            {
                return ValueTask.FromResult(ActivityResult.Complete(output: new JsonObject { ["children"] = new JsonArray() }));
            }

            request["each"] = list.DeepClone();
            request["finished"] = new JsonObject();
        }

        return ValueTask.FromResult(ActivityResult.Wait(new BookmarkRequest(BookmarkName, Data: request)));
    }

    /// <summary>The engine resumes with <c>{ "status": "Completed"|"Cancelled"|"NotStarted", "childId", "inputs", "variables", "message" }</c>.</summary>
    public ValueTask<ActivityResult> ResumeAsync(ActivityContext context, BookmarkResume resume)
    {
        var payload = resume.Payload as JsonObject ?? [];
        var status = payload["status"]?.GetValue<string>();
        var request = resume.Bookmark.Data as JsonObject ?? [];
        var workflow = request["workflow"]?.GetValue<string>() ?? "?";
        if (request["each"] is JsonArray each && status != "NotStarted")
        {
            return ValueTask.FromResult(Collect(request, each.Count, payload));
        }

        return ValueTask.FromResult(status == "Completed"
            ? ActivityResult.Complete(output: new JsonObject { ["childId"] = payload["childId"]?.DeepClone(), ["variables"] = payload["variables"]?.DeepClone() })
            : ActivityResult.Fail($"The child workflow '{workflow}' did not complete ({status}): {payload["message"]?.GetValue<string>() ?? "no reason given"}."));
    }

    /// <summary>The inputs of each child a request asks for: one object, or one per element of <c>each</c>.</summary>
    public static IReadOnlyList<JsonObject?> ChildInputs(JsonObject request) =>
        request["each"] is JsonArray each ? each.Select(e => e as JsonObject).ToList() : [request["inputs"] as JsonObject];

    /// <summary>Records one child's end; waits for the others (the same bookmark), or completes with every child's result.</summary>
    private static ActivityResult Collect(JsonObject request, int expected, JsonObject payload)
    {
        var data = (JsonObject)request.DeepClone();
        var finished = data["finished"] as JsonObject ?? [];
        data["finished"] = finished;
        var childId = payload["childId"]?.GetValue<string>() ?? $"unknown-{finished.Count}";
        // A re-delivered completion of the same child counts once.
        finished[childId] = new JsonObject
        {
            ["childId"] = childId,
            ["status"] = payload["status"]?.DeepClone(),
            ["variables"] = payload["variables"]?.DeepClone(),
            ["inputs"] = payload["inputs"]?.DeepClone(),
            ["message"] = payload["message"]?.DeepClone(),
        };
        if (finished.Count < expected)
        {
            return ActivityResult.Wait(new BookmarkRequest(BookmarkName, Data: data));
        }

        var children = new JsonArray(finished.Select(f => f.Value!.DeepClone()).ToArray());
        return ActivityResult.Complete(output: new JsonObject { ["children"] = children });
    }
}
