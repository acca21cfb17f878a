using System.Text.Json.Nodes;

namespace Portal.Workflows.Activities;

/// <summary>
/// An activity type. Instances keep no per-run state: everything an execution needs comes through the
/// context, everything it leaves goes into the result, so one instance serves every workflow.
/// </summary>
public interface IActivity
{
    ActivityDescriptor Descriptor { get; }

    ValueTask<ActivityResult> ExecuteAsync(ActivityContext context);

    /// <summary>
    /// Called when a bookmark this activity created is resumed. By default it completes with
    /// <see cref="ActivityDescriptor.Done"/> and the payload as its output.
    /// </summary>
    ValueTask<ActivityResult> ResumeAsync(ActivityContext context, BookmarkResume resume) =>
        ValueTask.FromResult(ActivityResult.Complete(ActivityDescriptor.Done, resume.Payload));
}

/// <summary>What resumed a bookmark: the bookmark as it was stored, and the payload the resumer sent.</summary>
public sealed record BookmarkResume(Runtime.Bookmark Bookmark, JsonNode? Payload);
