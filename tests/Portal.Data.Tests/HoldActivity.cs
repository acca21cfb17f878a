using System.Collections.Concurrent;
using Portal.Workflows.Activities;

namespace Portal.Data.Tests;

/// <summary>
/// A side effect that takes as long as the test wants: it says when it has begun (<see cref="Entered"/>) and ends when
/// the test lets it go (<see cref="Release"/>) or its step is cancelled. Counts its runs by step, like the driver's own
/// records would.
/// </summary>
internal sealed class HoldActivity : IActivity
{
    private readonly TaskCompletionSource entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConcurrentDictionary<string, int> Runs { get; } = new();

    public ActivityDescriptor Descriptor { get; } = new() { Type = "Hold", Category = "Test", DisplayName = "Hold", HasSideEffects = true };

    public Task Entered => entered.Task;

    public void Release() => released.TrySetResult();

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        Runs.AddOrUpdate($"{context.InstanceId}:{context.Node.Id}", 1, (_, n) => n + 1);
        entered.TrySetResult();
        await released.Task.WaitAsync(context.CancellationToken);
        return ActivityResult.Complete();
    }
}
