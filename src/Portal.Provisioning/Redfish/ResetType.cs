namespace Portal.Provisioning.Redfish;

/// <summary>The ComputerSystem.Reset types the portal uses; the names are the Redfish values.</summary>
public enum ResetType
{
    On,
    ForceOff,
    GracefulShutdown,
    ForceRestart,
    GracefulRestart,
    PowerCycle,
}
