using System.Text.Json.Nodes;

namespace Portal.Workflows.Activities.BuiltIn;

/// <summary>
/// Runs another workflow as a child and waits for it. The engine starts the child in the same commit as
/// this step and resumes this activity when the child completes (its variables become this activity's
/// output) or is cancelled (this activity fails). A faulted child waits for an admin, visibly, and so
/// does its parent.
/// </summary>
public sealed class RunWorkflowActivity : IActivity
{
    public const string BookmarkName = "RunWorkflow";

    public ActivityDescriptor Descriptor { get; } = new()
    {
        Type = "RunWorkflow", Category = "Composition", DisplayName = "Run workflow",
        Description = "Starts another workflow with inputs and waits until it finishes.",
        Inputs =
        [
            new("workflow", "string", Required: true, Description: "The id of the workflow to run."),
            new("version", "number", Description: "A pinned published version; the latest when empty."),
            new("inputs", "object", Description: "The child's inputs.", UiHint: "expression"),
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
        return ValueTask.FromResult(ActivityResult.Wait(new BookmarkRequest(BookmarkName, Data: request)));
    }

    /// <summary>The engine resumes with <c>{ "status": "Completed"|"Cancelled"|"NotStarted", "childId", "variables", "message" }</c>.</summary>
    public ValueTask<ActivityResult> ResumeAsync(ActivityContext context, BookmarkResume resume)
    {
        var payload = resume.Payload as JsonObject ?? [];
        var status = payload["status"]?.GetValue<string>();
        var workflow = resume.Bookmark.Data?["workflow"]?.GetValue<string>() ?? "?";
        return ValueTask.FromResult(status == "Completed"
            ? ActivityResult.Complete(output: new JsonObject { ["childId"] = payload["childId"]?.DeepClone(), ["variables"] = payload["variables"]?.DeepClone() })
            : ActivityResult.Fail($"The child workflow '{workflow}' did not complete ({status}): {payload["message"]?.GetValue<string>() ?? "no reason given"}."));
    }
}
