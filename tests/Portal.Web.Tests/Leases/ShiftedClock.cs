namespace Portal.Web.Tests.Leases;

/// <summary>
/// The portal's clock for lease tests: real time plus an offset the test moves forward. Not a frozen fake clock: the
/// workflow engine and the simulated datacenter wait on the same <see cref="TimeProvider"/> (polls, steps, heartbeats)
/// and would stall; here their waits take real (short) time while every "now" is days ahead once the test says so.
/// </summary>
public sealed class ShiftedClock : TimeProvider
{
    private long offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    public void Advance(TimeSpan by) => Interlocked.Add(ref offsetTicks, by.Ticks);
}
