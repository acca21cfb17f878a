namespace Portal.Workflows.Activities.BuiltIn;

/// <summary>
/// Waits for a named external event (a driver callback, a message). It is resumed by name and the
/// instance's correlation id; the event's payload becomes the activity's output.
/// </summary>
public sealed class WaitForSignalActivity : IActivity
{
    public ActivityDescriptor Descriptor { get; } = new()
    {
        Type = "WaitForSignal", Category = "Events", DisplayName = "Wait for signal",
        Inputs = [new("signal", "string", Required: true, Description: "The event's name, e.g. deployment-finished.")],
    };

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) =>
        ValueTask.FromResult(ActivityResult.Wait(new BookmarkRequest(context.RequiredString("signal"))));
}
