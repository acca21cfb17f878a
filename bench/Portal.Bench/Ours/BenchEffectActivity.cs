using Portal.Workflows.Activities;

namespace Portal.Bench.Ours;

/// <summary>
/// A side-effecting activity, marked as the provisioning activities are (<see cref="ActivityDescriptor.HasSideEffects"/>):
/// the engine never runs it in the caller's start; the worker claims its work item, takes the lease, checkpoints,
/// runs it and commits. Its effect is trivial (one added to the ledger), so what is timed is the path, not the effect.
/// </summary>
public sealed class BenchEffectActivity(EffectLedger ledger) : IActivity
{
    public const string TypeName = "BenchEffect";

    public ActivityDescriptor Descriptor { get; } = new() { Type = TypeName, Category = "Bench", DisplayName = "Bench side effect", HasSideEffects = true };

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ledger.Add();
        return ValueTask.FromResult(ActivityResult.Complete());
    }
}
