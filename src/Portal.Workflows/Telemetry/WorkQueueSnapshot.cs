namespace Portal.Workflows.Telemetry;

/// <summary>Due work at one moment: how many items are due and unclaimed, and how long the oldest of them has waited.</summary>
public sealed record WorkQueueSnapshot(long Depth, TimeSpan OldestDueAge)
{
    public static WorkQueueSnapshot Unknown { get; } = new(0, TimeSpan.Zero);
}
