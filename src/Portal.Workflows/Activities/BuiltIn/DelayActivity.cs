using System.Text.Json.Nodes;

namespace Portal.Workflows.Activities.BuiltIn;

/// <summary>Waits for a duration or until a time. The wait is a bookmark with a due time, so it survives restarts.</summary>
public sealed class DelayActivity : IActivity
{
    public const string BookmarkName = "Timer";

    public ActivityDescriptor Descriptor { get; } = new()
    {
        Type = "Delay", Category = "Timers", DisplayName = "Delay", Description = "Waits for a duration or until a time.",
        Inputs =
        [
            new("duration", "duration", Description: "How long to wait: " + Definitions.DurationRule.Forms + "."),
            new("until", "string", Description: "An ISO 8601 time; used when no duration is given.", UiHint: "expression"),
        ],
    };

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var now = context.Clock.GetUtcNow();
        DateTimeOffset due;
        if (context.InputDuration("duration") is { } duration)
        {
            due = now + duration;
        }
        else if (DateTimeOffset.TryParse(context.InputString("until"), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var until))
        {
            due = until;
        }
        else
        {
            return ValueTask.FromResult(ActivityResult.Fail("A Delay needs a duration or an until time."));
        }

        return ValueTask.FromResult(due <= now
            ? ActivityResult.Complete()
            : ActivityResult.Wait(new BookmarkRequest(BookmarkName, due, JsonValue.Create(due))));
    }
}
