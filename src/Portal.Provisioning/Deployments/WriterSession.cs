namespace Portal.Provisioning.Deployments;

/// <summary>
/// A deployment's image writer as the portal knows it: the write step's key, how many times and when the writer was
/// booted, the first callback it sent (a repeat never replaces it), and whether the deployment took that callback or
/// stopped waiting. One per deployment; a write with another key (a deployment run again from the start) starts a new one.
/// </summary>
public sealed record WriterSession
{
    public required Guid DeploymentId { get; init; }

    /// <summary>The idempotency key of the write step that boots the writer.</summary>
    public required string WriteKey { get; init; }

    /// <summary>Boots that were sent (0 while the first boot is under way).</summary>
    public int Boots { get; init; }

    /// <summary>When the last boot was sent; null while the first one is under way or failed.</summary>
    public DateTimeOffset? BootedAt { get; init; }

    /// <summary>The writer's report, the first one received.</summary>
    public DeploymentCallback? Callback { get; init; }

    public DateTimeOffset? CalledBackAt { get; init; }

    /// <summary>How many callbacks arrived (repeats included).</summary>
    public int Callbacks { get; init; }

    /// <summary>When the deployment took the callback (its wait completed with it).</summary>
    public DateTimeOffset? ConsumedAt { get; init; }

    /// <summary>When the deployment stopped waiting without a callback.</summary>
    public DateTimeOffset? TimedOutAt { get; init; }

    /// <summary>The driver key of boot <paramref name="boot"/> (1-based): the write's key for the first, a derived one for each reboot.</summary>
    public string BootKey(int boot) => boot <= 1 ? WriteKey : $"{WriteKey}/boot-{boot}";
}
