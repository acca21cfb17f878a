namespace Portal.Workflows.Activities.BuiltIn;

/// <summary>Where every instance begins. A definition has exactly one.</summary>
public sealed class StartActivity : IActivity
{
    public ActivityDescriptor Descriptor { get; } = new()
    {
        Type = "Start", Category = "Flow", DisplayName = "Start", Description = "Where the workflow begins.",
    };

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) => ValueTask.FromResult(ActivityResult.Complete());
}
