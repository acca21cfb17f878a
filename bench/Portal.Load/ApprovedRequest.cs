namespace Portal.Load;

/// <summary>A request the run approved and waits to see running: when (run clock, seconds) and whether inside the measured window.</summary>
public sealed record ApprovedRequest(Guid Id, double ApprovedAt, bool InWindow)
{
    /// <summary>When to poll it next (run clock, seconds).</summary>
    public double NextPoll { get; set; }
}
