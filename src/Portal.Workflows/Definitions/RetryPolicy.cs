using Portal.Workflows.Definitions.Format;

namespace Portal.Workflows.Definitions;

/// <summary>
/// Attempts in all (1 = no retry) and the wait before each retry, doubling from <see cref="InitialDelay"/>
/// up to <see cref="MaxDelay"/>.
/// </summary>
[FormatObject("retryPolicy", "Retry policy", "How often and how soon a failing activity is tried again before it becomes an incident. The wait doubles from initialDelay up to maxDelay.")]
public sealed record RetryPolicy
{
    [FormatMember("Maximum attempts", "Attempts in all, the first included: 1 means no retry.")]
    [AtLeast(1)]
    public int MaxAttempts { get; init; } = 1;

    [FormatMember("Initial delay", "The wait before the first retry.")]
    [Duration]
    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromSeconds(5);

    [FormatMember("Maximum delay", "The longest wait between two attempts.")]
    [Duration]
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMinutes(5);

    public TimeSpan DelayBefore(int attempt)
    {
        var factor = Math.Pow(2, Math.Max(0, attempt - 2));
        var delay = TimeSpan.FromTicks((long)Math.Min(InitialDelay.Ticks * factor, MaxDelay.Ticks));
        return delay;
    }
}
