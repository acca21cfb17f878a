namespace Portal.Provisioning.Simulation;

/// <summary>
/// One thing the simulated datacenter did, refused, or answered from its records: the operation log, in the portal
/// database, that tests and the chaos harness count side effects from. A re-delivered step that returned the first
/// result is <see cref="Redelivered"/> — it did nothing.
/// </summary>
public sealed record SimulatedOperation(string Step, string Machine, string? Key, bool Succeeded, string Detail)
{
    /// <summary>True when the step was answered from the key's record instead of acting.</summary>
    public bool Redelivered { get; init; }

    /// <summary>The portal node that acted.</summary>
    public string Node { get; init; } = "";

    public DateTimeOffset At { get; init; }

    /// <summary>True for an act that changed the world: succeeded and not a re-delivery.</summary>
    public bool Acted => Succeeded && !Redelivered;
}
