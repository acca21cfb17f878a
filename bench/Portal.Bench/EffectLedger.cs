namespace Portal.Bench;

/// <summary>
/// The "world" the side-effect scenario acts on: each side-effecting activity (ours) or step (WorkflowCore) adds one.
/// Counted here, not in an engine's journal, so a lost or doubled effect shows.
/// </summary>
public sealed class EffectLedger
{
    private long count;

    public long Count => Interlocked.Read(ref count);

    public void Add() => Interlocked.Increment(ref count);
}
