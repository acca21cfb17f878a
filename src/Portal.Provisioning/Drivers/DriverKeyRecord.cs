namespace Portal.Provisioning.Drivers;

/// <summary>
/// What a driver knows of one idempotency key: what was asked, what happened, by which node and when. Kept in the
/// portal database, so any node, after any crash, can answer "what happened to key K" instead of acting again.
/// Neither the request nor the result holds a secret.
/// </summary>
public sealed record DriverKeyRecord
{
    /// <summary>Whose record it is: <see cref="DriverNames"/>.</summary>
    public required string Driver { get; init; }

    /// <summary>The step the key was given for (create, write, power…): a key names one step's execution.</summary>
    public required string Step { get; init; }

    public required string Key { get; init; }

    /// <summary>The machine the step acts on (a VM's name on its host, a physical server's name).</summary>
    public required string Machine { get; init; }

    /// <summary>What was asked, as JSON.</summary>
    public string? Request { get; init; }

    /// <summary>What the step returned, as JSON, once <see cref="DriverKeyState.Done"/>.</summary>
    public string? Result { get; init; }

    public DriverKeyState State { get; init; }

    /// <summary>What happened, in words (the failure's message when it failed).</summary>
    public string? Detail { get; init; }

    /// <summary>The node that acts, or acted last.</summary>
    public required string Node { get; init; }

    /// <summary>The attempt that holds the key (its node and a number of its own): conditional updates check it.</summary>
    public string? Owner { get; init; }

    /// <summary>When the first attempt started.</summary>
    public DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>Until when the acting node holds the key; past it, another node may take over.</summary>
    public DateTimeOffset? ClaimedUntil { get; init; }

    /// <summary>How many attempts acted on the key (takeovers and retries after a failure included).</summary>
    public int Attempts { get; init; }
}
