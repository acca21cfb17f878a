namespace Portal.Workflows.Definitions;

/// <summary>
/// Attempts in all (1 = no retry) and the wait before each retry, doubling from <see cref="InitialDelay"/>
/// up to <see cref="MaxDelay"/>.
/// </summary>
public sealed record RetryPolicy
{
    public int MaxAttempts { get; init; } = 1;

    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMinutes(5);

    public TimeSpan DelayBefore(int attempt)
    {
        var factor = Math.Pow(2, Math.Max(0, attempt - 2));
        var delay = TimeSpan.FromTicks((long)Math.Min(InitialDelay.Ticks * factor, MaxDelay.Ticks));
        return delay;
    }
}
