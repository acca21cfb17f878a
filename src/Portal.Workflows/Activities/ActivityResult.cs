using System.Text.Json.Nodes;

namespace Portal.Workflows.Activities;

/// <summary>How one execution of an activity ended: completed with an outcome, waiting on a bookmark, or faulted.</summary>
public abstract record ActivityResult
{
    public static ActivityResult Complete(string outcome = ActivityDescriptor.Done, JsonNode? output = null) => new Completed(outcome, output);

    public static ActivityResult Wait(BookmarkRequest bookmark) => new Waiting(bookmark);

    public static ActivityResult Fail(string message) => new Faulted(message);

    /// <summary>For a resume that does not count (wrong person, unknown decision): the bookmark stays, nothing changes.</summary>
    public static ActivityResult Refuse(string message) => new Refused(message);

    public sealed record Completed(string Outcome, JsonNode? Output) : ActivityResult;

    public sealed record Waiting(BookmarkRequest Bookmark) : ActivityResult;

    public sealed record Faulted(string Message) : ActivityResult;

    public sealed record Refused(string Message) : ActivityResult;
}

/// <summary>
/// A bookmark an activity asks for: a name (what resumes it: a signal name, "UserTask", "Timer"), an optional
/// due time (the runtime resumes it then), and data the activity wants back on resume.
/// </summary>
public sealed record BookmarkRequest(string Name, DateTimeOffset? DueAt = null, JsonNode? Data = null);
