namespace Portal.Provisioning.Drivers;

/// <summary>Powers a machine on, off or through a restart. Asking for the state it is in already is fine.</summary>
public interface IPowerDriver
{
    Task SetPowerAsync(MachineRef machine, PowerAction action, CancellationToken cancellationToken);
}
