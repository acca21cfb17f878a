namespace Portal.Provisioning.Redfish;

/// <summary>ComputerSystem.PowerState; Unknown when the BMC leaves it out or reports a value the schema does not have.</summary>
public enum PowerState
{
    Unknown,
    On,
    Off,
    PoweringOn,
    PoweringOff,
    Paused,
}
