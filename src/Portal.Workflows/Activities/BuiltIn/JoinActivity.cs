namespace Portal.Workflows.Activities.BuiltIn;

/// <summary>
/// Brings branches back together. When it runs is the runtime's decision (see the engine's README): an
/// all-join once no other live path can still reach it, an any-join on the first arrival.
/// </summary>
public sealed class JoinActivity : IActivity
{
    public const string TypeName = "Join";

    public ActivityDescriptor Descriptor { get; } = new()
    {
        Type = TypeName, Category = "Flow", DisplayName = "Join", Description = "Waits for all branches that can still arrive, or for the first.",
        Inputs = [new("mode", "string", Description: "all (default) or any.", Default: "all")],
    };

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) => ValueTask.FromResult(ActivityResult.Complete());
}
