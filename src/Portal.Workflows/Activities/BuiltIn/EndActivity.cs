namespace Portal.Workflows.Activities.BuiltIn;

/// <summary>Ends the path that reaches it. The instance completes when no path is left running or waiting.</summary>
public sealed class EndActivity : IActivity
{
    public ActivityDescriptor Descriptor { get; } = new()
    {
        Type = "End", Category = "Flow", DisplayName = "End", Description = "Ends this path of the workflow.", Outcomes = [],
    };

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) => ValueTask.FromResult(ActivityResult.Complete());
}
