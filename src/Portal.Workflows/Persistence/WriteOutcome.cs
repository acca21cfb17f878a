namespace Portal.Workflows.Persistence;

/// <summary>
/// What became of one <see cref="InstanceWrite"/>: applied (created; leased, with the lease; committed), or not
/// applied and its alternative queued instead.
/// </summary>
public sealed record WriteOutcome(bool Applied, InstanceLease? Lease = null)
{
    public static WriteOutcome Done { get; } = new(true);

    public static WriteOutcome Queued { get; } = new(false);
}
