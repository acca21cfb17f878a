namespace Portal.Provisioning.Simulation;

/// <summary>
/// One act of the simulated datacenter, written in one transaction: the operation log entry, the key's record with
/// its result (when the act has a key), and what the act changed — a machine, a converted artifact, a booted writer.
/// </summary>
public sealed record SimulatedAct
{
    public required SimulatedOperation Operation { get; init; }

    /// <summary>The result as JSON, recorded under the operation's key.</summary>
    public string? Result { get; init; }

    /// <summary>The machine's new state, written only over the <see cref="SimulatedMachine.Revision"/> it was made from.</summary>
    public SimulatedMachine? Machine { get; init; }

    /// <summary>A machine the act removed (deleted VM, wiped server).</summary>
    public string? RemovedMachine { get; init; }

    public SimulatedArtifact? Artifact { get; init; }

    public SimulatedWriterJob? Writer { get; init; }
}
