using Portal.Provisioning.Drivers;

namespace Portal.Provisioning.Simulation;

/// <summary>
/// The simulated datacenter's state in the portal database: machines, converted artifacts, image writers, the key
/// records (in the drivers' shared table) and the operation log. Shared by every node and every restart, so the
/// simulation behaves as one real datacenter seen from several nodes.
/// </summary>
public interface ISimulationStore
{
    /// <summary>The record of a key of the simulated datacenter, if it acted on it.</summary>
    Task<DriverKeyRecord?> FindKeyAsync(string step, string key, CancellationToken cancellationToken);

    Task<SimulatedMachine?> FindMachineAsync(string name, CancellationToken cancellationToken);

    Task<IReadOnlyList<SimulatedMachine>> MachinesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Writes an act atomically. With a key, the key's record is inserted in the same transaction: of two nodes
    /// racing on one key, one commits and the other gets <see cref="SimulatedCommit.KeyTaken"/> and changes nothing.
    /// </summary>
    Task<SimulatedCommit> CommitAsync(SimulatedAct act, CancellationToken cancellationToken);

    /// <summary>Adds an entry to the operation log alone (a failure, a re-delivery).</summary>
    Task LogAsync(SimulatedOperation operation, CancellationToken cancellationToken);

    /// <summary>The operation log, oldest first, optionally of one machine.</summary>
    Task<IReadOnlyList<SimulatedOperation>> OperationsAsync(string? machine, CancellationToken cancellationToken);

    /// <summary>
    /// Takes up to <paramref name="max"/> writers that are due and held by nobody (or whose holder's claim ran out)
    /// for <paramref name="node"/>, each with one conditional update.
    /// </summary>
    Task<IReadOnlyList<SimulatedWriterJob>> ClaimDueWritersAsync(
        string node, DateTimeOffset now, DateTimeOffset claimUntil, int max, CancellationToken cancellationToken);

    /// <summary>
    /// Moves a writer the node holds on to <paramref name="next"/>, with the act it did (in the same transaction);
    /// false when the node no longer holds it or it moved meanwhile (nothing is written then).
    /// </summary>
    Task<bool> UpdateWriterAsync(SimulatedWriterJob held, SimulatedWriterJob next, SimulatedAct? act, CancellationToken cancellationToken);

    /// <summary>When the next unfinished writer is due, if any.</summary>
    Task<DateTimeOffset?> NextWriterDueAsync(CancellationToken cancellationToken);

    /// <summary>The writers booted for a deployment, oldest first.</summary>
    Task<IReadOnlyList<SimulatedWriterJob>> WritersAsync(Guid deploymentId, CancellationToken cancellationToken);
}
