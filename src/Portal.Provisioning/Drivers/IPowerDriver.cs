namespace Portal.Provisioning.Drivers;

/// <summary>Powers a machine on, off or through a restart. Asking for the state it is in already is fine.</summary>
public interface IPowerDriver
{
    /// <summary>
    /// Sets the machine's power. With an <paramref name="idempotencyKey"/> (a workflow step's), the request is done
    /// once: a re-delivery is answered from the driver's record without acting again. Without one (an admin's action),
    /// it acts every time.
    /// </summary>
    Task SetPowerAsync(MachineRef machine, PowerAction action, string? idempotencyKey, CancellationToken cancellationToken);
}
