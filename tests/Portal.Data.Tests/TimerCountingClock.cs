using Microsoft.Extensions.Time.Testing;

namespace Portal.Data.Tests;

/// <summary>
/// A fake clock that counts the timers created on it, so that a test moves time on only once a background loop (a
/// heartbeat) waits on its next timer — no guessing how long the loop takes in real time.
/// </summary>
internal sealed class TimerCountingClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    private int created;

    public int TimersCreated => Volatile.Read(ref created);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Interlocked.Increment(ref created);
        return base.CreateTimer(callback, state, dueTime, period);
    }
}
