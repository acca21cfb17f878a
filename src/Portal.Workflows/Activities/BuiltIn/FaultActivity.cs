namespace Portal.Workflows.Activities.BuiltIn;

/// <summary>Fails on purpose with a message, e.g. on a path that must never be taken.</summary>
public sealed class FaultActivity : IActivity
{
    public ActivityDescriptor Descriptor { get; } = new()
    {
        Type = "Fault", Category = "Primitives", DisplayName = "Fault", Outcomes = [],
        Inputs = [new("message", "string", Required: true)],
    };

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) =>
        ValueTask.FromResult(ActivityResult.Fail(context.InputString("message") ?? "The workflow failed on purpose."));
}
