namespace Portal.Workflows.Runtime;

/// <summary>
/// How far one step of an instance may go: at most a number of activity executions (the step budget), not past a
/// yield asked for from outside (a cancel waits, the node is stopping), and — for a run in a caller's request — not
/// into any side-effecting activity. A step that reaches its limit stops between two activities: the instance stays
/// Running with the rest queued, and the durable engine queues its continuation for the worker. One per step; the
/// runner spends it, another thread may only ask it to yield.
/// </summary>
public sealed class StepLimit
{
    private volatile bool yieldRequested;
    private int remaining;

    /// <param name="executions">Activity executions this step may run; 0 or less: no budget.</param>
    /// <param name="stopBeforeSideEffects">Never run a side-effecting activity (started or not): leave it to the worker.</param>
    public StepLimit(int executions, bool stopBeforeSideEffects = false)
    {
        remaining = executions <= 0 ? int.MaxValue : executions;
        StopBeforeSideEffects = stopBeforeSideEffects;
    }

    public bool StopBeforeSideEffects { get; }

    /// <summary>Whether the step stopped early because of this limit (its budget was spent or a yield was asked for).</summary>
    public bool Yielded { get; private set; }

    /// <summary>Asks the step to stop before its next activity. Thread-safe: the engine's heartbeat calls it.</summary>
    public void RequestYield() => yieldRequested = true;

    /// <summary>Called by the runner before each execution: true when the step must stop here.</summary>
    internal bool Reached()
    {
        if (yieldRequested || remaining <= 0)
        {
            Yielded = true;
            return true;
        }

        return false;
    }

    internal void Spend() => remaining--;
}
