using Portal.Workflows.Activities;

namespace Portal.Bench.Ours;

/// <summary>The last activity of the resume flow: tells the probe that its instance's final step ran.</summary>
public sealed class ProbeActivity(CompletionProbe probe) : IActivity
{
    public const string TypeName = "BenchProbe";

    public ActivityDescriptor Descriptor { get; } = new() { Type = TypeName, Category = "Bench", DisplayName = "Bench probe" };

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        probe.Ran(context.InstanceId);
        return ValueTask.FromResult(ActivityResult.Complete());
    }
}
