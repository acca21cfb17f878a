namespace Portal.Workflows.Activities.BuiltIn;

/// <summary>Starts every connected branch at once; a Join brings them back together.</summary>
public sealed class ForkActivity : IActivity
{
    public ActivityDescriptor Descriptor { get; } = new()
    {
        Type = "Fork", Category = "Flow", DisplayName = "Fork", Description = "Runs every branch connected to Done in parallel.",
    };

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) => ValueTask.FromResult(ActivityResult.Complete());
}
